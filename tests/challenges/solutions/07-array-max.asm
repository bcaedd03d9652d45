                          ABS
                          ORG     /100
                    START LDX  I1 N          XR1 = N
                          LD   L1 ARR-1      the last element
                          STO     MAX
                    LOOP  MDX   1 -1         next one down; skip when done
                          B       CMP
                          WAIT
                    CMP   LD   L1 ARR-1
                          S       MAX
                          BSC  L  LOOP,+     not larger: go on
                          LD   L1 ARR-1
                          STO     MAX
                          B       LOOP
                    N     EQU     /00E0
                    MAX   EQU     /00E1
                    ARR   EQU     /0200
                          END     START
