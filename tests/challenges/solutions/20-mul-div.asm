                          ABS
                          ORG     /100
                    START LD      A
                          M       B
                          STD     PROD
                          LD      A
                          SRT     16         sign-extend the dividend
                          D       B
                          STO     QUOT
                          XCH                remainder
                          STO     REM
                          WAIT
                    A     EQU     /00E0
                    B     EQU     /00E1
                    PROD  EQU     /00E2
                    QUOT  EQU     /00E4
                    REM   EQU     /00E5
                          END     START
