                          ABS
                          ORG     /0C
                          DC      INT4       level 4 interrupt vector
                          ORG     /100
                    START LDX  I1 LEN
                          LDX  L2 MSG
                          MDX   1 0
                          B       LOOP
                          B       CR
                    LOOP  LD    2 0
                          STO     CHAR
                          XIO     WRITE
                          WAIT               until it is typed
                          MDX   2 1
                          MDX   1 -1
                          B       LOOP
                    CR    LD      CRLF
                          STO     CHAR
                          XIO     WRITE
                          WAIT
                          WAIT
                    INT4  DC      0
                          XIO     SENSE
                          BOSC I  INT4
                          BSS  E  0
                    WRITE DC      CHAR
                          DC      /0900
                    SENSE DC      0
                          DC      /0F01
                    CHAR  DC      0
                    CRLF  DC      /8100
                    LEN   EQU     /00E0
                    MSG   EQU     /0200
                          END     START
