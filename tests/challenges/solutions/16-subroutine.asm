                          ABS
                          ORG     /100
                    TRIPL DC      0          entry word: the return address
                          STO     T
                          SLA     1          2X
                          A       T          3X
                          A       ONE
                          BSC  I  TRIPL      return
                    T     DC      0
                    ONE   DC      1
                          END
