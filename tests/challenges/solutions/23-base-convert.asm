                          ABS
                          ORG     /100
                    START LD      X
                          STO     PAIR+1
                          LDX   1 0          digits so far
                    LOOP  LDD     PAIR
                          D       B
                          RTE     16         ACC = remainder
                          STO  L1 DIG
                          MDX   1 1
                          RTE     16         ACC = quotient
                          STO     PAIR+1
                          BNZ     LOOP
                          STX  L1 ND
                          WAIT
                    X     EQU     /00E0
                    B     EQU     /00E1
                    ND    EQU     /00E2
                    DIG   EQU     /0200
                          BSS  E  0
                    PAIR  DC      0
                          DC      0
                          END     START
