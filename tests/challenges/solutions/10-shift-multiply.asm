                          ABS
                          ORG     /100
                    START LDX  I1 K          shift count
                          LD      X
                          SLA   1 0          by XR1
                          STO     P
                          LD      X
                          SRT   1 0          arithmetic, by XR1
                          STO     Q
                          WAIT
                    X     EQU     /00E0
                    K     EQU     /00E1
                    P     EQU     /00E2
                    Q     EQU     /00E3
                          END     START
