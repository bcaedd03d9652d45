                    * STORES WITH XR2 WHILE COUNTING WITH XR1
                          ABS
                          ORG     /100
                    START LDX  I1 N
                          MDX   1 0          skip when N = 0
                          B       LOOP
                          WAIT
                    LOOP  LD   L1 SRC-1
                          STO  L2 DST-1
                          MDX   1 -1
                          B       LOOP
                          WAIT
                    N     EQU     /00E0
                    SRC   EQU     /0200
                    DST   EQU     /0280
                          END     START
