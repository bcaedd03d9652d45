                    * NO OVERFLOW TEST: THE SUM WRAPS AROUND
                          ABS
                          ORG     /100
                    START LD      A
                          A       B
                    DONE  STO     S
                          WAIT
                    OVF   BN      BIG        wrapped negative: too big
                          LD      LOW
                          B       DONE
                    BIG   LD      HIGH
                          B       DONE
                    HIGH  DC      /7FFF
                    LOW   DC      /8000
                    A     EQU     /00E0
                    B     EQU     /00E1
                    S     EQU     /00E2
                          END     START
