                          ABS
                          ORG     /100
                    START LD      ONE
                          STO     ODD
                          LDX   1 0          the root so far
                          LD      X
                    LOOP  S       ODD
                          BN      DONE
                          MDX   1 1
                          MDX  L  ODD,2      next odd number
                          B       LOOP
                    DONE  STX  L1 R
                          WAIT
                    ONE   DC      1
                    ODD   DC      1
                    X     EQU     /00E0
                    R     EQU     /00E1
                          END     START
