                          ABS
                          ORG     /100
                    START LD      X
                          STO     Y
                          WAIT
                    X     EQU     /00E0
                    Y     EQU     /00E1
                          END     START
