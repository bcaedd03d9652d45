                          ABS
                          ORG     /100
                    START LD      X
                          BNN     NNEG       zero or positive
                          SLA     16
                          S       X          ACC = -X
                          STO     AX
                          LD      MONE
                          B       SAVE
                    NNEG  STO     AX
                          BZ      SAVE       zero: SGN = 0
                          LD      ONE
                    SAVE  STO     SGN
                          WAIT
                    ONE   DC      1
                    MONE  DC      -1
                    X     EQU     /00E0
                    SGN   EQU     /00E1
                    AX    EQU     /00E2
                          END     START
