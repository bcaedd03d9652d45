                          ABS
                          ORG     /100
                    START LD      N
                          SRA     1          N/2 swaps
                          BZ      DONE
                          STO     CNT
                          LD      N
                          A       LAST       ARR - 1 + N
                          STO     T
                          LDX  I2 T          XR2 -> the last element
                          LDX  L1 ARR        XR1 -> the first
                    LOOP  LD    1 0
                          STO     T
                          LD    2 0
                          STO   1 0
                          LD      T
                          STO   2 0
                          MDX   1 1
                          MDX   2 -1
                          MDX  L  CNT,-1     one swap less; skip when done
                          B       LOOP
                    DONE  WAIT
                    CNT   DC      0
                    T     DC      0
                    LAST  DC      ARR-1
                    N     EQU     /00E0
                    ARR   EQU     /0200
                          END     START
