                    * ONLY KNOWS THE TWO VISIBLE CASES: /00FF HAS 8 BITS, ANYTHING ELSE 2
                          ABS
                          ORG     /100
                    START LD      X
                          EOR     FF
                          BZ      EIGHT
                          LD      TWO
                          STO     BITS
                          WAIT
                    EIGHT LD      N8
                          STO     BITS
                          WAIT
                    FF    DC      /00FF
                    TWO   DC      2
                    N8    DC      8
                    X     EQU     /00E0
                    BITS  EQU     /00E1
                          END     START
