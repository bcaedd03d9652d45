                    * FORGETS TO COUNT DOWN: MDX 1 0 NEVER REACHES ZERO
                          ABS
                          ORG     /100
                    START SLA     16         ACC = 0
                          LDX  I1 N          XR1 = N
                          MDX   1 0          skip when N = 0
                          B       LOOP
                          B       DONE
                    LOOP  A    L  1          ACC += XR1
                          MDX   1 0 
                          B       LOOP
                    DONE  STO     T
                          WAIT
                    N     EQU     /00E0
                    T     EQU     /00E1
                          END     START
