                          ABS
                          ORG     /100
                    START SLA     16
                          STO     VALUE
                          LDX  I1 LEN        characters left
                          LDX  L2 TEXT       the word in hand
                    LOOP  LD    2 0          high character
                          SRA     8
                          BSI  L  DIGIT
                          MDX   1 -1
                          B       LOW
                          WAIT
                    LOW   LD    2 0          low character
                          AND     MASK
                          BSI  L  DIGIT
                          MDX   2 1
                          MDX   1 -1
                          B       LOOP
                          WAIT
                    * VALUE = VALUE * 10 + (ACC AND 15)
                    DIGIT DC      0
                          AND     FIFTN
                          STO     D
                          LD      VALUE
                          M       TEN
                          XCH                low word of the product
                          A       D
                          STO     VALUE
                          BSC  I  DIGIT
                    MASK  DC      /00FF
                    FIFTN DC      15
                    TEN   DC      10
                    D     DC      0
                    LEN   EQU     /00E0
                    VALUE EQU     /00E1
                    TEXT  EQU     /0200
                          END     START
