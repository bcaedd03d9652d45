                          ABS
                          ORG     /100
                    START LD      A
                          A       B
                          STO     SUM
                          LD      ZERO
                          BSC     C          skip when carry is off
                          LD      ONE
                          STO     CF
                          LD      ZERO
                          BSC     O          skip when overflow is off
                          LD      ONE
                          STO     VF
                          WAIT
                    ZERO  DC      0
                    ONE   DC      1
                    A     EQU     /00E0
                    B     EQU     /00E1
                    SUM   EQU     /00E2
                    CF    EQU     /00E3
                    VF    EQU     /00E4
                          END     START
