                          ABS
                          ORG     /0C
                          DC      INT4       level 4 interrupt vector
                          ORG     /100
                    START LD      LEN
                          A       ONE
                          STO     LEFT       characters and the CR
                          LDX  L3 MSG        XR3 -> next character
                          BSI  L  NEXT       type the first one
                          SLA     16         SUM while the printer works
                          LDX  I1 LEN
                          MDX   1 0
                          B       ADD
                          B       FIN0
                    ADD   A    L1 MSG-1
                          MDX   1 -1
                          B       ADD
                    FIN0  STO     SUM
                    IDLE  WAIT
                          LD      DONE
                          BZ      IDLE
                          WAIT
                    * TYPE THE NEXT CHARACTER (OR THE CR), COUNT LEFT DOWN
                    NEXT  DC      0
                          MDX  L  LEFT,-1    the last one: skip
                          B       CHR
                          LD      CRLF
                          B       TYPE
                    CHR   LD    3 0
                          MDX   3 1
                    TYPE  STO     CHAR
                          XIO     WRITE
                          BSC  I  NEXT
                    * LEVEL 4 HANDLER
                    INT4  DC      0
                          STO     SAVE
                          XIO     SENSE
                          LD      LEFT
                          BZ      FIN        all typed
                          BSI  L  NEXT
                          B       RET
                    FIN   MDX  L  DONE,1     the CR is typed
                          NOP
                    RET   LD      SAVE
                          BOSC I  INT4
                    SAVE  DC      0
                    LEFT  DC      0
                    DONE  DC      0
                    ONE   DC      1
                    CRLF  DC      /8100
                          BSS  E  0
                    WRITE DC      CHAR
                          DC      /0900
                    SENSE DC      0
                          DC      /0F01
                    CHAR  DC      0
                    LEN   EQU     /00E0
                    SUM   EQU     /00E1
                    MSG   EQU     /0200
                          END     START
