                    * CHESS2250 - THE CHESSBOARD OF THE IBM 2250 ERA, DRAWN BY AN IBM 1130
                    *
                    * THE 1130 STARTS THE 2250 REGENERATING A DISPLAY LIST FROM CORE,
                    * LIGHTS THE PROGRAMMED FUNCTION LAMPS AND WAITS. THE DISPLAY LIST
                    * DRAWS THE BOARD (DARK SQUARES INSET), THE 32 PIECES IN THEIR
                    * STARTING POSITION AS VECTOR SUBROUTINES (GB ... SRVT ... RVT),
                    * BLACK PIECES WITH A FILLED BASE, THE FILES A-H AND RANKS 1-8 AND
                    * A TITLE, IN CHARACTER MODE FROM THE STROKE TABLE AT THE END.
                    * RUN: PYTHON -M MACHINES.IBM1130 RUN CHESS2250.ASM --DISPLAY-PNG X.PNG
                          ABS
                          ORG     /100
                    START XIO     LAMPS                 * LIGHT THE LAMPS
                          XIO     GO                    * START REGENERATION
                          WAIT                          * THE 2250 DOES THE REST
                          B       START+2
                          BSS  E  0
                    GO    DC      DLIST                 * IOCC: WRITE, START REGENERATION
                          DC      /C900
                    LAMPS DC      LDATA                 * IOCC: WRITE, SET THE LAMPS
                          DC      /C980
                    LDATA DC      /FF00                 * LAMPS 0-7 (THE FILES)
                          DC      /00FF                 * LAMPS 24-31 (THE RANKS)
                    *
                    * THE DISPLAY LIST
                    *
                    DLIST STMR                          * START TIMER: ONE FRAME PER 25 MS
                          SGMV                          * VECTOR MODE
                          SPM     /5                    * NO LIGHT-PEN DETECTS
                    * THE GRID: 9 FILE LINES AND 9 RANK LINES
                          MBA     192,150
                          DBAY    790
                          MBA     272,150
                          DBAY    790
                          MBA     352,150
                          DBAY    790
                          MBA     432,150
                          DBAY    790
                          MBA     512,150
                          DBAY    790
                          MBA     592,150
                          DBAY    790
                          MBA     672,150
                          DBAY    790
                          MBA     752,150
                          DBAY    790
                          MBA     832,150
                          DBAY    790
                          MBA     192,150
                          DBAX    832
                          MBA     192,230
                          DBAX    832
                          MBA     192,310
                          DBAX    832
                          MBA     192,390
                          DBAX    832
                          MBA     192,470
                          DBAX    832
                          MBA     192,550
                          DBAX    832
                          MBA     192,630
                          DBAX    832
                          MBA     192,710
                          DBAX    832
                          MBA     192,790
                          DBAX    832
                    * THE DARK SQUARES (A1 IS DARK)
                          MBA     192,150
                          GB      DARK
                          MBA     352,150
                          GB      DARK
                          MBA     512,150
                          GB      DARK
                          MBA     672,150
                          GB      DARK
                          MBA     272,230
                          GB      DARK
                          MBA     432,230
                          GB      DARK
                          MBA     592,230
                          GB      DARK
                          MBA     752,230
                          GB      DARK
                          MBA     192,310
                          GB      DARK
                          MBA     352,310
                          GB      DARK
                          MBA     512,310
                          GB      DARK
                          MBA     672,310
                          GB      DARK
                          MBA     272,390
                          GB      DARK
                          MBA     432,390
                          GB      DARK
                          MBA     592,390
                          GB      DARK
                          MBA     752,390
                          GB      DARK
                          MBA     192,470
                          GB      DARK
                          MBA     352,470
                          GB      DARK
                          MBA     512,470
                          GB      DARK
                          MBA     672,470
                          GB      DARK
                          MBA     272,550
                          GB      DARK
                          MBA     432,550
                          GB      DARK
                          MBA     592,550
                          GB      DARK
                          MBA     752,550
                          GB      DARK
                          MBA     192,630
                          GB      DARK
                          MBA     352,630
                          GB      DARK
                          MBA     512,630
                          GB      DARK
                          MBA     672,630
                          GB      DARK
                          MBA     272,710
                          GB      DARK
                          MBA     432,710
                          GB      DARK
                          MBA     592,710
                          GB      DARK
                          MBA     752,710
                          GB      DARK
                    * THE PIECES: WHITE ON RANKS 1-2, BLACK ON RANKS 7-8
                          MBA     192,150
                          GB      ROOK
                          MBA     272,150
                          GB      KNGT
                          MBA     352,150
                          GB      BSHP
                          MBA     432,150
                          GB      QUEN
                          MBA     512,150
                          GB      KING
                          MBA     592,150
                          GB      BSHP
                          MBA     672,150
                          GB      KNGT
                          MBA     752,150
                          GB      ROOK
                          MBA     192,230
                          GB      PAWN
                          MBA     272,230
                          GB      PAWN
                          MBA     352,230
                          GB      PAWN
                          MBA     432,230
                          GB      PAWN
                          MBA     512,230
                          GB      PAWN
                          MBA     592,230
                          GB      PAWN
                          MBA     672,230
                          GB      PAWN
                          MBA     752,230
                          GB      PAWN
                          MBA     192,630
                          GB      PAWN
                          MBA     192,630
                          GB      FILL
                          MBA     272,630
                          GB      PAWN
                          MBA     272,630
                          GB      FILL
                          MBA     352,630
                          GB      PAWN
                          MBA     352,630
                          GB      FILL
                          MBA     432,630
                          GB      PAWN
                          MBA     432,630
                          GB      FILL
                          MBA     512,630
                          GB      PAWN
                          MBA     512,630
                          GB      FILL
                          MBA     592,630
                          GB      PAWN
                          MBA     592,630
                          GB      FILL
                          MBA     672,630
                          GB      PAWN
                          MBA     672,630
                          GB      FILL
                          MBA     752,630
                          GB      PAWN
                          MBA     752,630
                          GB      FILL
                          MBA     192,710
                          GB      ROOK
                          MBA     192,710
                          GB      FILL
                          MBA     272,710
                          GB      KNGT
                          MBA     272,710
                          GB      FILL
                          MBA     352,710
                          GB      BSHP
                          MBA     352,710
                          GB      FILL
                          MBA     432,710
                          GB      QUEN
                          MBA     432,710
                          GB      FILL
                          MBA     512,710
                          GB      KING
                          MBA     512,710
                          GB      FILL
                          MBA     592,710
                          GB      BSHP
                          MBA     592,710
                          GB      FILL
                          MBA     672,710
                          GB      KNGT
                          MBA     672,710
                          GB      FILL
                          MBA     752,710
                          GB      ROOK
                          MBA     752,710
                          GB      FILL
                    * THE LABELS, LARGE CHARACTERS
                          MBA     227,105
                          SCML
                          GSB     CA
                          GNOP
                          MBA     307,105
                          SCML
                          GSB     CB
                          GNOP
                          MBA     387,105
                          SCML
                          GSB     CC
                          GNOP
                          MBA     467,105
                          SCML
                          GSB     CD
                          GNOP
                          MBA     547,105
                          SCML
                          GSB     CE
                          GNOP
                          MBA     627,105
                          SCML
                          GSB     CF
                          GNOP
                          MBA     707,105
                          SCML
                          GSB     CG
                          GNOP
                          MBA     787,105
                          SCML
                          GSB     CH
                          GNOP
                          MBA     147,180
                          SCML
                          GSB     C1
                          GNOP
                          MBA     147,260
                          SCML
                          GSB     C2
                          GNOP
                          MBA     147,340
                          SCML
                          GSB     C3
                          GNOP
                          MBA     147,420
                          SCML
                          GSB     C4
                          GNOP
                          MBA     147,500
                          SCML
                          GSB     C5
                          GNOP
                          MBA     147,580
                          SCML
                          GSB     C6
                          GNOP
                          MBA     147,660
                          SCML
                          GSB     C7
                          GNOP
                          MBA     147,740
                          SCML
                          GSB     C8
                          GNOP
                          MBA     365,850
                          SCML
                          GSB     CI
                          GSB     CB
                          GSB     CM
                          GSB     CSP
                          GSB     C2
                          GSB     C2
                          GSB     C5
                          GSB     C0
                          GSB     CSP
                          GSB     CC
                          GSB     CH
                          GSB     CE
                          GSB     CS
                          GSB     CS
                          GNOP
                          MBA     421,815
                          SCMB
                          GSB     CW
                          GSB     CH
                          GSB     CI
                          GSB     CT
                          GSB     CE
                          GSB     CSP
                          GSB     CT
                          GSB     CO
                          GSB     CSP
                          GSB     CM
                          GSB     CO
                          GSB     CV
                          GSB     CE
                          GNOP
                          GB      DLIST                 * AGAIN, NEXT FRAME
                    *
                    * SUBROUTINES: FROM THE SQUARE'S LOWER LEFT CORNER, RELATIVE VECTORS
                    *
                    DARK  SRVT                          * A DARK SQUARE: AN INSET BORDER
                          MBI     4,4
                          DBI     63,0
                          DBI     9,0
                          DBI     0,63
                          DBI     0,9
                          DBI     -64,0
                          DBI     -8,0
                          DBI     0,-64
                          DBI     0,-8
                          RVT
                    PAWN  SRVT                          * PAWN
                          MBI     20,10
                          DBI     40,0
                          DBI     0,6
                          DBI     -10,4
                          DBI     -4,16
                          DBI     6,4
                          DBI     0,8
                          DBI     -6,6
                          DBI     -12,0
                          DBI     -6,-6
                          DBI     0,-8
                          DBI     6,-4
                          DBI     -4,-16
                          DBI     -10,-4
                          DBI     0,-6
                          RVT
                    ROOK  SRVT                          * ROOK
                          MBI     18,10
                          DBI     44,0
                          DBI     0,6
                          DBI     -8,4
                          DBI     0,28
                          DBI     6,4
                          DBI     0,12
                          DBI     -7,0
                          DBI     0,-6
                          DBI     -7,0
                          DBI     0,6
                          DBI     -12,0
                          DBI     0,-6
                          DBI     -7,0
                          DBI     0,6
                          DBI     -7,0
                          DBI     0,-12
                          DBI     6,-4
                          DBI     0,-28
                          DBI     -8,-4
                          DBI     0,-6
                          RVT
                    KNGT  SRVT                          * KNGT
                          MBI     18,10
                          DBI     44,0
                          DBI     -2,14
                          DBI     -4,14
                          DBI     2,16
                          DBI     -8,12
                          DBI     -10,2
                          DBI     -6,-6
                          DBI     -12,-10
                          DBI     -4,-8
                          DBI     8,-2
                          DBI     10,4
                          DBI     -10,-16
                          DBI     -4,-10
                          DBI     -4,-4
                          DBI     0,-6
                          MBI     22,48
                          DBI     2,0
                          RVT
                    BSHP  SRVT                          * BSHP
                          MBI     18,10
                          DBI     44,0
                          DBI     0,6
                          DBI     -12,4
                          DBI     -2,6
                          DBI     6,4
                          DBI     0,6
                          DBI     2,8
                          DBI     -4,12
                          DBI     -12,10
                          DBI     -12,-10
                          DBI     -4,-12
                          DBI     2,-8
                          DBI     0,-6
                          DBI     6,-4
                          DBI     -2,-6
                          DBI     -12,-4
                          DBI     0,-6
                          MBI     28,42
                          DBI     -8,-10
                          MBI     2,24
                          DBI     0,6
                          RVT
                    QUEN  SRVT                          * QUEN
                          MBI     16,10
                          DBI     48,0
                          DBI     0,6
                          DBI     -8,6
                          DBI     10,36
                          DBI     -14,-18
                          DBI     -4,24
                          DBI     -8,-22
                          DBI     -8,22
                          DBI     -4,-24
                          DBI     -14,18
                          DBI     10,-36
                          DBI     -8,-6
                          DBI     0,-6
                          RVT
                    KING  SRVT                          * KING
                          MBI     16,10
                          DBI     48,0
                          DBI     0,6
                          DBI     -8,6
                          DBI     6,24
                          DBI     -12,6
                          DBI     -20,0
                          DBI     -12,-6
                          DBI     6,-24
                          DBI     -8,-6
                          DBI     0,-6
                          MBI     24,42
                          DBI     0,22
                          MBI     -7,-8
                          DBI     14,0
                          RVT
                    FILL  SRVT                          * A BLACK PIECE'S FILLED BASE
                          MBI     32,12
                          DBI     16,0
                          DBI     0,4
                          DBI     -16,0
                          DBI     0,4
                          DBI     16,0
                          DBI     0,4
                          DBI     -16,0
                          DBI     0,4
                          DBI     16,0
                          DBI     0,4
                          DBI     -16,0
                          DBI     0,4
                          DBI     16,0
                          DBI     0,4
                          DBI     -16,0
                          DBI     0,4
                          DBI     16,0
                          DBI     0,4
                          DBI     -16,0
                          RVT
                    *
                    * CHARACTER STROKE DATA (MBS BEAM OFF, DBS BEAM ON, R ENDS IT)
                    *
                    CA    MBS     0,0                   * 'A'
                          DBS     0,4
                          DBS     2,6
                          DBS     4,4
                          DBS     4,0
                          MBS     0,3
                          DBS  R  4,3
                    CB    MBS     0,0                   * 'B'
                          DBS     0,6
                          DBS     3,6
                          DBS     4,5
                          DBS     4,4
                          DBS     3,3
                          DBS     0,3
                          MBS     3,3
                          DBS     4,2
                          DBS     4,1
                          DBS     3,0
                          DBS  R  0,0
                    CC    MBS     4,1                   * 'C'
                          DBS     3,0
                          DBS     1,0
                          DBS     0,1
                          DBS     0,5
                          DBS     1,6
                          DBS     3,6
                          DBS  R  4,5
                    CD    MBS     0,0                   * 'D'
                          DBS     0,6
                          DBS     2,6
                          DBS     4,4
                          DBS     4,2
                          DBS     2,0
                          DBS  R  0,0
                    CE    MBS     4,0                   * 'E'
                          DBS     0,0
                          DBS     0,6
                          DBS     4,6
                          MBS     0,3
                          DBS  R  3,3
                    CF    MBS     0,0                   * 'F'
                          DBS     0,6
                          DBS     4,6
                          MBS     0,3
                          DBS  R  3,3
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
                    C1    MBS     1,5                   * '1'
                          DBS     2,6
                          DBS     2,0
                          MBS     1,0
                          DBS  R  3,0
                    C2    MBS     0,5                   * '2'
                          DBS     1,6
                          DBS     3,6
                          DBS     4,5
                          DBS     4,4
                          DBS     0,0
                          DBS  R  4,0
                    C3    MBS     0,5                   * '3'
                          DBS     1,6
                          DBS     3,6
                          DBS     4,5
                          DBS     4,4
                          DBS     3,3
                          DBS     4,2
                          DBS     4,1
                          DBS     3,0
                          DBS     1,0
                          DBS     0,1
                          MBS     1,3
                          DBS  R  3,3
                    C4    MBS     3,0                   * '4'
                          DBS     3,6
                          DBS     0,2
                          DBS  R  4,2
                    C5    MBS     4,6                   * '5'
                          DBS     0,6
                          DBS     0,4
                          DBS     3,4
                          DBS     4,3
                          DBS     4,1
                          DBS     3,0
                          DBS     1,0
                          DBS  R  0,1
                    C6    MBS     4,5                   * '6'
                          DBS     3,6
                          DBS     1,6
                          DBS     0,5
                          DBS     0,1
                          DBS     1,0
                          DBS     3,0
                          DBS     4,1
                          DBS     4,2
                          DBS     3,3
                          DBS  R  0,3
                    C7    MBS     0,6                   * '7'
                          DBS     4,6
                          DBS     4,5
                          DBS  R  1,0
                    C8    MBS     1,3                   * '8'
                          DBS     0,4
                          DBS     0,5
                          DBS     1,6
                          DBS     3,6
                          DBS     4,5
                          DBS     4,4
                          DBS     3,3
                          DBS     1,3
                          DBS     0,2
                          DBS     0,1
                          DBS     1,0
                          DBS     3,0
                          DBS     4,1
                          DBS     4,2
                          DBS  R  3,3
                    CI    MBS     1,0                   * 'I'
                          DBS     3,0
                          MBS     2,0
                          DBS     2,6
                          MBS     1,6
                          DBS  R  3,6
                    CM    MBS     0,0                   * 'M'
                          DBS     0,6
                          DBS     2,3
                          DBS     4,6
                          DBS  R  4,0
                    CSP   MBS  R  0,0                   * ' '
                    C0    MBS     1,0                   * '0'
                          DBS     3,0
                          DBS     4,1
                          DBS     4,5
                          DBS     3,6
                          DBS     1,6
                          DBS     0,5
                          DBS     0,1
                          DBS     1,0
                          MBS     4,5
                          DBS  R  0,1
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
                    CW    MBS     0,6                   * 'W'
                          DBS     1,0
                          DBS     2,3
                          DBS     3,0
                          DBS  R  4,6
                    CT    MBS     0,6                   * 'T'
                          DBS     4,6
                          MBS     2,6
                          DBS  R  2,0
                    CO    MBS     1,0                   * 'O'
                          DBS     3,0
                          DBS     4,1
                          DBS     4,5
                          DBS     3,6
                          DBS     1,6
                          DBS     0,5
                          DBS     0,1
                          DBS  R  1,0
                    CV    MBS     0,6                   * 'V'
                          DBS     2,0
                          DBS  R  4,6
                          END     START
