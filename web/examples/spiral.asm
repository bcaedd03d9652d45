                    * A SPIRAL ON THE 1627 PLOTTER (AREA 5, LEVEL 3)
                    * INSIDE A 10-INCH SQUARE.  EACH PEN OR STEP COMMAND
                    * IS ONE XIO WRITE; THE PLOTTER ANSWERS WITH OP
                    * COMPLETE ON INTERRUPT LEVEL 3.  X IS THE DRUM
                    * (ALONG THE PAPER), Y THE CARRIAGE (ACROSS IT,
                    * 11 INCHES); ONE STEP IS 0.01 INCH.  THE POINTS
                    * ARE A CIRCLE TURNED BY MINSKY'S RECURRENCE
                    * (C -= S/32, S += C/32: 201 POINTS A TURN) TIMES A
                    * RADIUS GROWING A STEP EVERY 5 POINTS; LINE JOINS
                    * THEM WITH BRESENHAM STEPS.  18,202 OPERATIONS OF
                    * 1,000 INSTRUCTION TIMES EACH (SIMH'S 1627 TIMING):
                    * ABOUT THREE MINUTES AT REAL SPEED.  DOWNLOAD THE
                    * DRAWING FROM THE PLOTTER PANE, OR RUN WITH
                    * --PLOTTER-SVG OUT.SVG ON THE COMMAND LINE.
                          ABS
                          ORG     /0B     LEVEL 3 VECTOR
                          DC      PLTIN
                          ORG     /100
                    * THE SQUARE: PEN UP TO A CORNER, DOWN ROUND IT
                    START LD      EDGE0   PEN IS UP AT X=0, Y=0
                          STO     TX
                          STO     TY
                          BSI  L  LINE    MOVE TO THE FIRST CORNER
                          LD      PENDN
                          BSI  L  PLOT
                          LDX  L1 BOX     XR1 -> THE CORNERS
                          LDX   2 -4      FOUR SIDES
                    SIDE  LD    1 0
                          STO     TX
                          LD    1 1
                          STO     TY
                          BSI  L  LINE
                          MDX   1 2       NEXT CORNER
                          MDX   2 1       COUNT UP; SKIP AT ZERO
                          B       SIDE
                          LD      PENUP
                          BSI  L  PLOT
                    * THE SPIRAL, FROM THE CENTRE OUTWARD
                          LD      CENTR
                          STO     TX
                          STO     TY
                          BSI  L  LINE    PEN UP TO THE CENTRE
                          LD      PENDN
                          BSI  L  PLOT
                    TURN  LD      S       C = C - S/32
                          SRT     5       ARITHMETIC; SRA IS LOGICAL
                          STO     T
                          LD      C
                          S       T
                          STO     C
                          SRT     5       S = S + C/32
                          A       S
                          STO     S
                          MDX  L  CNT,1   EVERY 5 POINTS
                          B       POINT
                          LD      M5
                          STO     CNT
                          LD      R       RADIUS GROWS A STEP
                          A       ONE
                          STO     R
                    POINT LD      R       X = CENTRE+R*C/16384
                          M       C       PRODUCT IN ACC-EXT
                          SLT     2       ACC = PRODUCT/16384
                          A       CENTR
                          STO     TX
                          LD      R       Y = CENTRE+R*S/16384
                          M       S
                          SLT     2
                          A       CENTR
                          STO     TY
                          BSI  L  LINE
                          LD      R
                          S       RMAX
                          BSC  L  TURN,+Z  AGAIN WHILE R < RMAX
                          LD      PENUP
                          BSI  L  PLOT
                          WAIT            DONE
                    * THE DATA, BETWEEN THE PROGRAM AND ITS SUBROUTINES
                    * COMMANDS: THE TOP SIX BITS OF THE WORD
                    PENDN DC      /8000   PEN DOWN
                    PENUP DC      /0400   PEN UP
                    PLUSX DC      /4000   DRUM +X
                    MINSX DC      /2000   DRUM -X
                    PLUSY DC      /0800   CARRIAGE +Y
                    MINSY DC      /1000   CARRIAGE -Y
                    * THE DRAWING
                    EDGE0 DC      50      SQUARE'S CORNERS, STEPS
                    BOX   DC      1050    X, Y
                          DC      50
                          DC      1050
                          DC      1050
                          DC      50
                          DC      1050
                          DC      50
                          DC      50
                    CENTR DC      550     SPIRAL'S CENTRE X, Y
                    RMAX  DC      440     LAST RADIUS, 4.4 IN
                    R     DC      0       RADIUS, STEPS
                    C     DC      16384   COSINE * 16384
                    S     DC      0       SINE * 16384
                    CNT   DC      -5
                    M5    DC      -5
                    ONE   DC      1
                    ZERO  DC      0
                    T     DC      0
                    SAVE  DC      0
                    CX    DC      0       WHERE THE PEN IS
                    CY    DC      0
                    TX    DC      0       WHERE IT GOES NEXT
                    TY    DC      0
                    AX    DC      0       LINE'S WORK AREA
                    AY    DC      0
                    XB    DC      0
                    YB    DC      0
                    DIAG  DC      0
                    STRT  DC      0
                    N     DC      0
                    DEN   DC      0
                    MIN   DC      0
                    ERR   DC      0
                    CMD   DC      0       THE COMMAND WORD
                          BSS  E  0       IOCCS: EVEN ADDRESS
                    WRT   DC      CMD     IOCC: WRITE, AREA 5
                          DC      /2900
                    SNS   DC      0       IOCC: SENSE, RESET
                          DC      /2F01
                    * LINE: STEP THE PEN FROM (CX,CY) TO (TX,TY): EACH
                    * STEP GOES ALONG THE LONGER AXIS, DIAGONALLY WHEN
                    * THE ERROR TERM RUNS OUT (BRESENHAM).
                    LINE  DC      0       RETURN ADDRESS
                          LD      TX
                          S       CX
                          STO     AX      DX = TX - CX
                          LD      TY
                          S       CY
                          STO     AY      DY = TY - CY
                          LD      TX
                          STO     CX
                          LD      TY
                          STO     CY
                          LD      PLUSX
                          STO     XB
                          LD      AX
                          BSC  L  XPOS,-  DX NOT NEGATIVE
                          LD      ZERO
                          S       AX
                          STO     AX      AX = -DX
                          LD      MINSX
                          STO     XB
                    XPOS  LD      PLUSY
                          STO     YB
                          LD      AY
                          BSC  L  YPOS,-  DY NOT NEGATIVE
                          LD      ZERO
                          S       AY
                          STO     AY      AY = -DY
                          LD      MINSY
                          STO     YB
                    YPOS  LD      XB
                          OR      YB
                          STO     DIAG    DIAGONAL STEP COMMAND
                          LD      AX
                          S       AY
                          BSC  L  XMAJ,-  AX >= AY: X IS LONGER
                          LD      AY
                          STO     N
                          STO     DEN
                          LD      AX
                          STO     MIN
                          LD      YB
                          B       GO
                    XMAJ  LD      AX
                          STO     N
                          STO     DEN
                          LD      AY
                          STO     MIN
                          LD      XB
                    GO    STO     STRT    STRAIGHT STEP COMMAND
                          LD      DEN
                          SRA     1
                          STO     ERR     ERR = DEN/2
                          LD      N
                          BSC  L  LDONE,+-  NOTHING TO DO
                    LSTEP LD      ERR
                          S       MIN
                          STO     ERR
                          BSC  L  LSTR,-  ERR >= 0: STRAIGHT
                          A       DEN
                          STO     ERR
                          LD      DIAG
                          B       LCMD
                    LSTR  LD      STRT
                    LCMD  BSI  L  PLOT
                          LD      N
                          S       ONE
                          STO     N
                          BSC  L  LSTEP,Z  AGAIN UNLESS N = 0
                    LDONE BSC  I  LINE    RETURN
                    * PLOT: SEND THE COMMAND IN ACC, WAIT FOR IT
                    PLOT  DC      0       RETURN ADDRESS
                          STO     CMD
                          XIO     WRT     ONE OPERATION
                          WAIT            FOR THE INTERRUPT
                          BSC  I  PLOT
                    * LEVEL 3: SENSE THE DSW WITH RESET, RETURN
                    PLTIN DC      0       RETURN ADDRESS
                          STO     SAVE
                          XIO     SNS
                          LD      SAVE
                          BOSC I  PLTIN
                          END     START
