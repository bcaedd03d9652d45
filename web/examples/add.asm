                    * ADD TWO NUMBERS: THE SUM IS LEFT IN THE ACCUMULATOR
                    * AND STORED AT SUM.  1130 + 2026 = 3156 = /0C54.
                          ABS
                          ORG     /100
                    START LD      A      ACC = A
                          A       B      ACC = ACC + B
                          STO     SUM    SUM = ACC
                          WAIT           STOP: READ ACC ON THE LAMPS
                    A     DC      1130
                    B     DC      2026
                    SUM   DC      0
                          END     START
