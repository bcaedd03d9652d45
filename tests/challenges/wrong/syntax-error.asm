                    * STORES TO AN UNDEFINED SYMBOL
                          ABS
                          ORG     /100
                    START LD      X
                          STO     NOWHR
                          WAIT
                    X     EQU     /00E0
                          END     START
