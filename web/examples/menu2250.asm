                    * MENU2250 - A LIGHT-PEN MENU ON THE IBM 2250
                    *
                    * POINT THE LIGHT PEN (THE MOUSE) AT AN ITEM: THE 2250 DETECTS IT
                    * (SET PEN MODE: DETECTS ON, INTERRUPTS DEFERRED), THE GIC ORDER
                    * AFTER THE ITEM INTERRUPTS LEVEL 3 WITH THE ITEM'S NUMBER, AND THE
                    * 1130 MARKS THE ITEM WITH AN ARROW, DRAWS ITS SHAPE, LIGHTS ITS
                    * LAMP AND TYPES ITS NAME ON THE CONSOLE PRINTER.
                          ABS
                          ORG     /0B                   * LEVEL 3 VECTOR: THE 2250
                          DC      INT3
                          DC      INT4                  * LEVEL 4 VECTOR: THE CONSOLE PRINTER
                          ORG     /100
                    START XIO     GO                    * START REGENERATION
                    IDLE  WAIT                          * UNTIL AN INTERRUPT
                          LD      PEND                  * AN ITEM TO TYPE? (NUMBER + 1)
                          BSC  L  IDLE,+-               * NO
                          S       ONE
                          STO     K
                          SLA     16
                          STO     PEND
                          LDX  I1 K                     * XR1 = ITEM NUMBER
                          LD   L1 NAMES                 * ITS NAME'S ADDRESS
                          STO     K
                          LDX  I1 K                     * XR1 -> FIRST CHARACTER
                    NEXT  LD    1 0                     * CHARACTER CODE, 0 ENDS
                          BSC  L  IDLE,+-
                          STO     CHAR
                          SLA     16
                          STO     TYPED
                          XIO     PRT                   * TYPE IT
                    PWAIT WAIT                          * UNTIL THE PRINTER ANSWERS
                          LD      TYPED
                          BSC  L  PWAIT,+-              * (A 2250 INTERRUPT ALSO WAKES US)
                          MDX   1 1
                          B       NEXT
                    *
                    * LEVEL 3: THE 2250 INTERRUPTED. READ ITS STATUS (THIS CLEARS THE
                    * INTERRUPT); AN ORDER-CONTROLLED ONE CAME FROM AN ITEM'S GIC, AND
                    * THE WORD BEFORE THE STATUS ADDRESS (AR) IS THE GIC'S CODE.
                    * REGENERATION RESUMES AT AR, SO THE FRAME IS DRAWN WHOLE.
                    *
                    INT3  DC      0                     * RETURN ADDRESS
                          STO     SAVA
                          STX  L2 SAVX
                          XIO     RDST                  * READ THE 6 STATUS WORDS
                          LD      STAT+1                * DSW
                          AND     OCI
                          BSC  L  RESUM,+-              * NOT AN ORDER-CONTROLLED INTERRUPT
                          LD      STAT                  * AR: AFTER THE GIC
                          S       ONE
                          STO     PTR
                          LD   I  PTR                   * THE ITEM NUMBER
                          S       SEL
                          BSC  L  RESUM,+-              * ALREADY SELECTED
                          LD   I  PTR
                          STO     SEL
                          A       ONE
                          STO     PEND                  * THE MAIN LOOP TYPES ITS NAME
                          LDX  I2 SEL                   * XR2 = ITEM NUMBER
                          LD   L2 ARROY                 * MOVE THE ARROW TO IT
                          STO  L  ARROW+1
                          LD   L2 PICS                  * SHOW ITS SHAPE
                          STO  L  PIC+1
                          LD      GBOP                  * GB (NO LONGER A NO-OP)
                          STO  L  PIC
                          STO  L  AGB
                          LD   L2 LAMPW                 * ITS LAMP
                          STO     LDATA
                          XIO     LAMPS
                    RESUM LD      STAT                  * RESUME THE FRAME AFTER THE GIC
                          STO     GOAR
                          XIO     GOAR
                          LDX  I2 SAVX
                          LD      SAVA
                          BOSC I  INT3
                    *
                    * LEVEL 4: THE CONSOLE PRINTER HAS TYPED A CHARACTER
                    *
                    INT4  DC      0
                          XIO     SNS                   * SENSE WITH RESET
                          STX  L0 TYPED                 * NON-ZERO: TYPED
                          BOSC I  INT4
                    *
                    ONE   DC      1
                    OCI   DC      /8000                 * DSW: ORDER-CONTROLLED INTERRUPT
                    GBOP  DC      /2800                 * A LONG BRANCH ORDER
                    SEL   DC      -1                    * SELECTED ITEM (-1 NONE)
                    PEND  DC      0
                    K     DC      0
                    PTR   DC      0
                    SAVA  DC      0
                    SAVX  DC      0
                    CHAR  DC      0
                    TYPED DC      0
                          BSS  E  0
                    GO    DC      DLIST                 * IOCC: 2250 WRITE, START REGENERATION
                          DC      /C900
                    GOAR  DC      0                     * IOCC: 2250 WRITE, RESUME AT AR
                          DC      /C900
                    RDST  DC      STAT                  * IOCC: 2250 READ STATUS
                          DC      /CA00
                    LAMPS DC      LDATA                 * IOCC: 2250 WRITE, SET THE LAMPS
                          DC      /C980
                    PRT   DC      CHAR                  * IOCC: CONSOLE PRINTER WRITE
                          DC      /0900
                    SNS   DC      0                     * IOCC: CONSOLE SENSE WITH RESET
                          DC      /0F01
                    LDATA DC      0                     * LAMPS 0-15
                          DC      0                     * LAMPS 16-31
                    STAT  BSS     6                     * AR DSW X Y FKEY AKEY
                    ARROY DC      640                   * ARROW Y PER ITEM
                          DC      520
                          DC      400
                          DC      280
                    PICS  DC      CIRC                  * SHAPE PER ITEM
                          DC      SQUR
                          DC      TRIA
                          DC      STAR
                    LAMPW DC      /8000                 * LAMP PER ITEM
                          DC      /4000
                          DC      /2000
                          DC      /1000
                    NAMES DC      NAME0                 * NAME PER ITEM
                          DC      NAME1
                          DC      NAME2
                          DC      NAME3
                    * CIRCLE IN CONSOLE PRINTER CODE, CARRIAGE RETURN, 0
                    NAME0 DC      /1C00
                          DC      /2000
                          DC      /6000
                          DC      /1C00
                          DC      /5C00
                          DC      /3400
                          DC      /8100
                          DC      0
                    * SQUARE IN CONSOLE PRINTER CODE, CARRIAGE RETURN, 0
                    NAME1 DC      /9800
                          DC      /6400
                          DC      /B000
                          DC      /3C00
                          DC      /6000
                          DC      /3400
                          DC      /8100
                          DC      0
                    * TRIANGLE IN CONSOLE PRINTER CODE, CARRIAGE RETURN, 0
                    NAME2 DC      /9C00
                          DC      /6000
                          DC      /2000
                          DC      /3C00
                          DC      /7400
                          DC      /1400
                          DC      /5C00
                          DC      /3400
                          DC      /8100
                          DC      0
                    * STAR IN CONSOLE PRINTER CODE, CARRIAGE RETURN, 0
                    NAME3 DC      /9800
                          DC      /9C00
                          DC      /3C00
                          DC      /6000
                          DC      /8100
                          DC      0
                    *
                    * THE DISPLAY LIST
                    *
                    DLIST STMR                          * ONE FRAME PER 25 MS
                          SGMV
                          SPM     /5                    * DETECTS OFF FOR THE TITLE
                          MBA     365,900
                          SCML
                          GSB     CL
                          GSB     CI
                          GSB     CG
                          GSB     CH
                          GSB     CT
                          GSB     CSP
                          GSB     CP
                          GSB     CE
                          GSB     CN
                          GSB     CSP
                          GSB     CM
                          GSB     CE
                          GSB     CN
                          GSB     CU
                          GNOP
                          MBA     400,860
                          SCMB
                          GSB     CP
                          GSB     CO
                          GSB     CI
                          GSB     CN
                          GSB     CT
                          GSB     CSP
                          GSB     CA
                          GSB     CT
                          GSB     CSP
                          GSB     CA
                          GSB     CN
                          GSB     CSP
                          GSB     CI
                          GSB     CT
                          GSB     CE
                          GSB     CM
                          GNOP
                          SPM     /9                    * DETECTS ON, INTERRUPTS DEFERRED
                    * ITEM 0: CIRCLE, IN A BOX
                          MBA     90,640
                          SCML
                          GSB     CC
                          GSB     CI
                          GSB     CR
                          GSB     CC
                          GSB     CL
                          GSB     CE
                          GNOP
                          MBA     70,620
                          DBAX    268
                          DBAY    680
                          DBAX    70
                          DBAY    620
                          GIC     0,D                   * INTERRUPT WITH CODE K IF DETECTED
                    * ITEM 1: SQUARE, IN A BOX
                          MBA     90,520
                          SCML
                          GSB     CS
                          GSB     CQ
                          GSB     CU
                          GSB     CA
                          GSB     CR
                          GSB     CE
                          GNOP
                          MBA     70,500
                          DBAX    268
                          DBAY    560
                          DBAX    70
                          DBAY    500
                          GIC     1,D                   * INTERRUPT WITH CODE K IF DETECTED
                    * ITEM 2: TRIANGLE, IN A BOX
                          MBA     90,400
                          SCML
                          GSB     CT
                          GSB     CR
                          GSB     CI
                          GSB     CA
                          GSB     CN
                          GSB     CG
                          GSB     CL
                          GSB     CE
                          GNOP
                          MBA     70,380
                          DBAX    268
                          DBAY    440
                          DBAX    70
                          DBAY    380
                          GIC     2,D                   * INTERRUPT WITH CODE K IF DETECTED
                    * ITEM 3: STAR, IN A BOX
                          MBA     90,280
                          SCML
                          GSB     CS
                          GSB     CT
                          GSB     CA
                          GSB     CR
                          GNOP
                          MBA     70,260
                          DBAX    268
                          DBAY    320
                          DBAX    70
                          DBAY    260
                          GIC     3,D                   * INTERRUPT WITH CODE K IF DETECTED
                          SPM     /5                    * DETECTS OFF
                    ARROW MBA     30,640                * THE ARROW AT THE SELECTED ITEM
                    AGB   GB    N ARRW                  * A NO-OP UNTIL SOMETHING IS SELECTED
                    PIC   GB    N CIRC                  * THE SHAPE: A NO-OP UNTIL SOMETHING IS SELECTED
                          GB      DLIST
                    *
                    * THE ARROW, RELATIVE VECTORS; THE SHAPES, ABSOLUTE VECTORS
                    *
                    ARRW  SRVT                          * ARROW
                          MBI     0,20
                          DBI     30,-10
                          DBI     -30,-10
                          MBI     0,10
                          DBI     30,0
                          RVT
                    CIRC  SRVT                          * CIRC
                          MBA     850,420
                          DBA     845,459
                          DBA     830,495
                          DBA     806,526
                          DBA     775,550
                          DBA     739,565
                          DBA     700,570
                          DBA     661,565
                          DBA     625,550
                          DBA     594,526
                          DBA     570,495
                          DBA     555,459
                          DBA     550,420
                          DBA     555,381
                          DBA     570,345
                          DBA     594,314
                          DBA     625,290
                          DBA     661,275
                          DBA     700,270
                          DBA     739,275
                          DBA     775,290
                          DBA     806,314
                          DBA     830,345
                          DBA     845,381
                          DBA     850,420
                          RVT
                    SQUR  SRVT                          * SQUR
                          MBA     550,270
                          DBA     850,270
                          DBA     850,570
                          DBA     550,570
                          DBA     550,270
                          RVT
                    TRIA  SRVT                          * TRIA
                          MBA     700,570
                          DBA     570,345
                          DBA     830,345
                          DBA     700,570
                          RVT
                    STAR  SRVT                          * STAR
                          MBA     700,570
                          DBA     612,299
                          DBA     843,466
                          DBA     557,466
                          DBA     788,299
                          DBA     700,570
                          RVT
                    *
                    * CHARACTER STROKE DATA
                    *
                    CL    MBS     0,6                   * 'L'
                          DBS     0,0
                          DBS  R  4,0
                    CI    MBS     1,0                   * 'I'
                          DBS     3,0
                          MBS     2,0
                          DBS     2,6
                          MBS     1,6
                          DBS  R  3,6
                    CG    MBS     4,5                   * 'G'
                          DBS     3,6
                          DBS     1,6
                          DBS     0,5
                          DBS     0,1
                          DBS     1,0
                          DBS     3,0
                          DBS     4,1
                          DBS     4,3
                          DBS  R  2,3
                    CH    MBS     0,0                   * 'H'
                          DBS     0,6
                          MBS     4,0
                          DBS     4,6
                          MBS     0,3
                          DBS  R  4,3
                    CT    MBS     0,6                   * 'T'
                          DBS     4,6
                          MBS     2,6
                          DBS  R  2,0
                    CSP   MBS  R  0,0                   * ' '
                    CP    MBS     0,0                   * 'P'
                          DBS     0,6
                          DBS     3,6
                          DBS     4,5
                          DBS     4,4
                          DBS     3,3
                          DBS  R  0,3
                    CE    MBS     4,0                   * 'E'
                          DBS     0,0
                          DBS     0,6
                          DBS     4,6
                          MBS     0,3
                          DBS  R  3,3
                    CN    MBS     0,0                   * 'N'
                          DBS     0,6
                          DBS     4,0
                          DBS  R  4,6
                    CM    MBS     0,0                   * 'M'
                          DBS     0,6
                          DBS     2,3
                          DBS     4,6
                          DBS  R  4,0
                    CU    MBS     0,6                   * 'U'
                          DBS     0,1
                          DBS     1,0
                          DBS     3,0
                          DBS     4,1
                          DBS  R  4,6
                    CO    MBS     1,0                   * 'O'
                          DBS     3,0
                          DBS     4,1
                          DBS     4,5
                          DBS     3,6
                          DBS     1,6
                          DBS     0,5
                          DBS     0,1
                          DBS  R  1,0
                    CA    MBS     0,0                   * 'A'
                          DBS     0,4
                          DBS     2,6
                          DBS     4,4
                          DBS     4,0
                          MBS     0,3
                          DBS  R  4,3
                    CC    MBS     4,1                   * 'C'
                          DBS     3,0
                          DBS     1,0
                          DBS     0,1
                          DBS     0,5
                          DBS     1,6
                          DBS     3,6
                          DBS  R  4,5
                    CR    MBS     0,0                   * 'R'
                          DBS     0,6
                          DBS     3,6
                          DBS     4,5
                          DBS     4,4
                          DBS     3,3
                          DBS     0,3
                          MBS     2,3
                          DBS  R  4,0
                    CS    MBS     4,5                   * 'S'
                          DBS     3,6
                          DBS     1,6
                          DBS     0,5
                          DBS     0,4
                          DBS     1,3
                          DBS     3,3
                          DBS     4,2
                          DBS     4,1
                          DBS     3,0
                          DBS     1,0
                          DBS  R  0,1
                    CQ    MBS     1,0                   * 'Q'
                          DBS     3,0
                          DBS     4,1
                          DBS     4,5
                          DBS     3,6
                          DBS     1,6
                          DBS     0,5
                          DBS     0,1
                          DBS     1,0
                          MBS     2,2
                          DBS  R  4,0
                          END     START
