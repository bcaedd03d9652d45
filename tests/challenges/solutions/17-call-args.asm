                          ABS
                          ORG     /100
                    MAX2  DC      0          entry word
                          LDX  I1 MAX2       XR1 -> argument words
                          LD   I1 0
                          S    I1 1
                          BN      SECND      the second is larger
                          LD   I1 0
                          BSC  L1 2          return past the arguments
                    SECND LD   I1 1
                          BSC  L1 2
                          END
