                          ABS
                          ORG     /08
                          DC      INT0
                          ORG     /0C
                          DC      INT4
                          ORG     /100
                    START XIO     READ       start reading
                    IDLE  WAIT
                          LD      DONE
                          BZ      IDLE
                          LDX   1 80
                          LDX   2 0
                    COUNT LD   L1 CARD-1
                          BSC     Z          skip blank columns
                          MDX   2 1
                          MDX   1 -1
                          B       COUNT
                          STX  L2 COLS
                          WAIT
                    * LEVEL 0: TAKE ONE COLUMN
                    INT0  DC      0
                          STO     SAVE
                          XIO     COL
                          MDX  L  COL,1      next column's address
                          XIO     RST0
                          LD      SAVE
                          BOSC I  INT0
                    * LEVEL 4: OPERATION COMPLETE
                    INT4  DC      0
                          STO     SAVE4
                          XIO     RST4
                          STO     DONE       the DSW: not zero
                          LD      SAVE4
                          BOSC I  INT4
                    SAVE  DC      0
                    SAVE4 DC      0
                    DONE  DC      0
                          BSS  E  0
                    READ  DC      0
                          DC      /1404
                    COL   DC      CARD
                          DC      /1200
                    RST0  DC      0
                          DC      /1701
                    RST4  DC      0
                          DC      /1702
                    COLS  EQU     /00E0
                    CARD  EQU     /0200
                          END     START
