                          ABS
                          ORG     /100
                    START LDX  I1 OP
                          LD      A
                          BSC  I1 TABLE      to the routine for OP
                    ADD   A       B
                          B       SAVE
                    SUB   S       B
                          B       SAVE
                    LAND  AND     B
                          B       SAVE
                    LOR   OR      B
                    SAVE  STO     R
                          WAIT
                    TABLE DC      ADD
                          DC      SUB
                          DC      LAND
                          DC      LOR
                    OP    EQU     /00E0
                    A     EQU     /00E1
                    B     EQU     /00E2
                    R     EQU     /00E3
                          END     START
