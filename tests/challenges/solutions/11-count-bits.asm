                          ABS
                          ORG     /100
                    START LDX   1 16         16 bits
                          LDX   2 0          the count
                          LD      X
                    LOOP  SLA     1          bit 0 into carry
                          BSC     C          skip when it was 0
                          MDX   2 1
                          MDX   1 -1
                          B       LOOP
                          STX  L2 BITS
                          WAIT
                    X     EQU     /00E0
                    BITS  EQU     /00E1
                          END     START
