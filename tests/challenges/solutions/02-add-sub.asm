                          ABS
                          ORG     /100
                    START LD      A
                          A       B
                          S       C
                          STO     R
                          WAIT
                    A     EQU     /00E0
                    B     EQU     /00E1
                    C     EQU     /00E2
                    R     EQU     /00E3
                          END     START
