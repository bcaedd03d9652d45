                          ABS
                          ORG     /100
                    START LD      A
                          STO     P
                          LD      B
                    LOOP  STO     Q
                          LD      P
                          SRT     16
                          D       Q
                          XCH                ACC = P MOD Q
                          BZ      DONE
                          STO     T
                          LD      Q
                          STO     P
                          LD      T
                          B       LOOP
                    DONE  LD      Q
                          STO     G
                          WAIT
                    P     DC      0
                    Q     DC      0
                    T     DC      0
                    A     EQU     /00E0
                    B     EQU     /00E1
                    G     EQU     /00E2
                          END     START
