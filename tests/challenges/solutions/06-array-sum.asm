                          ABS
                          ORG     /100
                    START SLA     16         ACC = 0
                          LDX  I1 N          XR1 = N
                          MDX   1 0          skip when N = 0
                          B       LOOP
                          B       DONE
                    LOOP  A    L1 ARR-1      add ARR(XR1)
                          MDX   1 -1
                          B       LOOP
                    DONE  STO     SUM
                          WAIT
                    N     EQU     /00E0
                    SUM   EQU     /00E1
                    ARR   EQU     /0200
                          END     START
