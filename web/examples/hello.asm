                    * HELLO, WORLD ON THE CONSOLE PRINTER (1131, AREA 1).
                    * EACH CHARACTER IS TYPED BY AN XIO WRITE; THE PRINTER
                    * ANSWERS ON INTERRUPT LEVEL 4 WHEN IT HAS TYPED IT.
                          ABS
                          ORG     /0C    LEVEL 4 VECTOR
                          DC      CONIN
                          ORG     /100
                    START LDX  L1 MSG    XR1 -> FIRST CHARACTER
                    NEXT  LD   1  0      ACC = CHARACTER CODE
                          BSC  L  DONE,+- ZERO ENDS THE MESSAGE
                          STO     CHAR
                          XIO     PRT    TYPE IT
                          WAIT           UNTIL THE PRINTER INTERRUPTS
                          MDX  1  1      NEXT CHARACTER
                          B       NEXT
                    DONE  WAIT
                    * LEVEL 4: SENSE THE DSW WITH RESET, RETURN
                    CONIN DC      0      RETURN ADDRESS
                          XIO     SNS
                          BOSC I  CONIN
                    CHAR  DC      0
                          BSS  E  0      IOCCS ARE EVEN-ALIGNED
                    PRT   DC      CHAR   IOCC: WRITE TO AREA 1
                          DC      /0900
                    SNS   DC      0      IOCC: SENSE DEVICE, RESET
                          DC      /0F01
                    * SELECTRIC CODES IN THE HIGH BYTE: H E L L O , SPACE
                    MSG   DC      /2400
                          DC      /3400
                          DC      /5C00
                          DC      /5C00
                          DC      /5000
                          DC      /8000
                          DC      /2100
                    * W O R L D, CARRIAGE RETURN
                          DC      /9000
                          DC      /5000
                          DC      /6000
                          DC      /5C00
                          DC      /3000
                          DC      /8100
                          DC      0      END OF MESSAGE
                          END     START
