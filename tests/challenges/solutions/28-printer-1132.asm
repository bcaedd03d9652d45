                          ABS
                          ORG     /09
                          DC      INT1       level 1 interrupt vector
                          ORG     /100
                    * COUNT THE CHARACTERS TO STRIKE
                    START LDX  I1 LEN
                          LDX   2 0
                    NB    LD   L1 TEXT-1
                          EOR     BLANK
                          BSC     Z          skip blanks
                          MDX   2 1
                          MDX   1 -1
                          B       NB
                          STX  L2 LEFT
                          BSI  L  CLEAR      scan field clear and ready
                          XIO     STRTP
                    IDLE  WAIT
                          LD      DONE
                          BZ      IDLE
                          XIO     SPACE
                          WAIT               the space interrupt
                          WAIT
                    * CLEAR THE SCAN FIELD, SET READY (WORD 39 BIT 15)
                    CLEAR DC      0
                          SLA     16
                          LDX   1 -8
                    CLR   STO  L1 /28
                          MDX   1 1
                          B       CLR
                          LD      ONE
                          STO  L  /27
                          BSC  I  CLEAR
                    * LEVEL 1 HANDLER
                    INT1  DC      0
                          STO     SAVE
                          STX   1 SAVX1
                          STX   2 SAVX2
                          XIO     SENSE
                          BSC  L  RET,-      not a character: return
                          LD      LEFT
                          BNZ     WORK
                          LD      DONE
                          BNZ     RET
                          XIO     STOPP      the last one has been struck
                          MDX  L  DONE,1
                          B       RET
                    WORK  XIO     RDCH
                          BSI  L  CLEAR
                          LDX  L1 TEXT       XR1 -> the column's character
                          LDX  L2 /20        XR2 -> the scan word
                          LD      HIBIT
                          STO     BIT
                          LD      LEN
                          STO     CNT
                    COL   LD    1 0
                          EOR     CH
                          BNZ     NEXT
                          LD    2 0
                          OR      BIT
                          STO   2 0
                          MDX  L  LEFT,-1
                          NOP
                    NEXT  MDX   1 1
                          LD      BIT
                          SRA     1
                          BNZ     SAME
                          MDX   2 1          next scan word
                          LD      HIBIT
                    SAME  STO     BIT
                          MDX  L  CNT,-1
                          B       COL
                          LD   L  /27
                          OR      ONE
                          STO  L  /27
                    RET   LDX  I1 SAVX1
                          LDX  I2 SAVX2
                          LD      SAVE
                          BOSC I  INT1
                    SAVE  DC      0
                    SAVX1 DC      0
                    SAVX2 DC      0
                    LEFT  DC      0
                    DONE  DC      0
                    CNT   DC      0
                    BIT   DC      0
                    HIBIT DC      /8000
                    ONE   DC      1
                    BLANK DC      /4000
                          BSS  E  0
                    STRTP DC      0
                          DC      /3480
                    STOPP DC      0
                          DC      /3440
                    SPACE DC      0
                          DC      /3401
                    RDCH  DC      CH
                          DC      /3200
                    SENSE DC      0
                          DC      /3701
                    CH    DC      0
                    LEN   EQU     /00E0
                    TEXT  EQU     /0200
                          END     START
