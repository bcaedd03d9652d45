                    * A LAMP WALKS THROUGH ACC AND EXT FOREVER (RTE 1),
                    * SLOWED BY A DELAY LOOP SO IT CAN BE SEEN AT REAL SPEED.
                    * PRESS IMM STOP (ESC) TO STOP IT.
                          ABS
                          ORG     /100
                    START LDD     PAT    ACC,EXT = 8000 0000
                    LOOP  RTE     1      ROTATE RIGHT ACC-EXT
                          LDX  L2 -3000  DELAY COUNT
                    DELAY MDX  2  1      COUNT UP; SKIP AT ZERO
                          B       DELAY
                          B       LOOP
                          BSS  E  0
                    PAT   DC      /8000
                          DC      0
                          END     START
