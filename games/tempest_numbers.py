"""Tempest's numbers: timing, the screen, the operator settings' values, the
claw and its shots, the enemies' arrival, the superzapper and the phases,
shared by the game (games/tempest.py) and its drawing (tempest_draw).
Sources as in games/tempest.py ([S] the original's source, [I] ours).
"""

from __future__ import annotations

from .tempest_levels import GAME_FRAME_TICKS

# --- Timing: the original's game ran 20 frames a second on a 60 Hz
# display [S: ALCOMN.MAC SECOND = 20; arcade.md 2.3 refresh 60 Hz]; we
# tick at 60 Hz and scale its per-frame numbers by 1/3.
REFRESH_HZ = 60.0
SECOND = 60

# --- Screen: the vertical monitor [arcade.md 2.3, MAME visible area
# 580 x 570, a vertical CRT]; a 3:4 window of the 1024 space, HUD on top.
WINDOW = (128.0, 0.0, 896.0, 1024.0)
VIEWPORT = (128.0, 40.0, 896.0, 900.0)   # the camera's part of it [I]

# --- Player settings [S: MAME DIPs and the source, arcade.md 2.3].
LIVES_CHOICES = (2, 3, 4, 5)
DEFAULT_LIVES = 3                       # [I: one of the DIP choices]
BONUS_CHOICES = (0, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000, 70_000)
DEFAULT_BONUS = 20_000                  # [I: one of the DIP choices]
MAX_LIVES = 6                           # "refuses to add a life at 6" [S]
DIFFICULTIES = ("easy", "medium", "hard")

# --- The claw and its shots.
SPIN_PER_LANE = 8.0        # spinner steps from one rim segment to the next [I]
KEY_SPIN = 1.6             # spinner steps per tick while a key is held [I]: ~12 lanes/s ...
KEY_REPEAT_DELAY = 12      # ... after this many ticks; a key press itself moves one segment [I]
MAX_SHOTS = 8              # [S: ALCOMN.MAC NPCHARG = 8]
SHOT_SPEED = 9.0 / GAME_FRAME_TICKS   # [S: PCVELO = 9 per game frame]
FIRE_REPEAT = 6            # ticks between shots while fire is held [I]
HIT_RANGE = 7.0            # depth units: a shot meets what is this near [I, after TIMES8's ranges]
# A shot on a spike eats it: each game frame the tip goes down to the shot
# and scores 1, for 2 frames, then the shot is spent [S: ALWELG.MAC
# LIFECT, "ADD 1 TO SCORE FOR EACH HIT", CHARCO >= 2; arcade.md 2.3 says
# 1-3 points a shot].
SPIKE_POINT = 1
SPIKE_EAT_TICKS = 2 * GAME_FRAME_TICKS

# --- Enemies on the well at once and their arrival [S: NINVAD = 7,
# NNYMPH = 64, ININYM spreads the nymphs 16 game frames apart].
MAX_ACTIVE = 7
MAX_ON_WELL = 12           # with tanker cargo [I]
SPLIT_NEAR = 32.0          # a tanker split nearer than this sends its cargo straight on [S: SPLCHA 0x20]
NYMPH_SPACING = 16 * GAME_FRAME_TICKS

# --- The superzapper [S: ALWELG.MAC PROSUZ/KILENE, CSUSTA = 3, CSUINT = 1,
# CSUMAX = 2]: a use starts after 3 game frames and kills one enemy each
# 2 game frames, up to 8 (the first use) or 1 (the second).
ZAP_USES = 2
ZAP_START = 3 * GAME_FRAME_TICKS
ZAP_EVERY = 2 * GAME_FRAME_TICKS
ZAP_KILLS = (8, 1)

# --- Phases, ticks [I unless noted].
RATE_SECONDS = 10          # the Skill-Step choice times out [S: QTMPAUS = 10 s]
DEATH_TICKS = 2 * SECOND
WARP_TICKS = 150           # the dive from rim to far end
ZOOM_TICKS = 70            # the next well comes up to meet the eye [S: NEWAV2 moves the eye in]
GAME_OVER_TICKS = 3 * SECOND
ATTRACT_TITLE_TICKS = 8 * SECOND
ATTRACT_DEMO_TICKS = 40 * SECOND
INITIALS_TIMEOUT = 30 * SECOND
BONUS_FLASH_TICKS = 30     # the playfield flashes for a bonus life [S: BOFLASH; length I]
HIGH_SCORES = 8            # [S: NHISCO = 8]
