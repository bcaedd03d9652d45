                          ABS
                          ORG     /100
                    START LD      A
                          A       B
                          BO      OVF        overflow: fix it
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
