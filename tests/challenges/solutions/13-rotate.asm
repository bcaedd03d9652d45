                          ABS
                          ORG     /100
                    START LDX  I1 K
                          LD      X
                          SRT     16         EXT = X
                          LD      X          ACC = X
                          SLT   1 0          by XR1
                          STO     R
                          WAIT
                    X     EQU     /00E0
                    K     EQU     /00E1
                    R     EQU     /00E2
                          END     START
