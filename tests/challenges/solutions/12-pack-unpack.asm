                          ABS
                          ORG     /100
                    START LD      W
                          SRA     8
                          STO     HI
                          LD      W
                          AND     MASK
                          STO     LO
                          SLA     8
                          OR      HI
                          STO     SWAP
                          WAIT
                    MASK  DC      /00FF
                    W     EQU     /00E0
                    HI    EQU     /00E1
                    LO    EQU     /00E2
                    SWAP  EQU     /00E3
                          END     START
