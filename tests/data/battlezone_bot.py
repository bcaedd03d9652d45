"""Record a BattleZone game played by a simple bot as an inputs file.

    python tests/data/battlezone_bot.py SEED FRAMES OUT.jsonl

The bot turns toward the hostile, drives at it while far, fires when it is
lined up and backs off obstacles; it prints the final state (without the
obstacles) as JSON, the value tests/test_game_battlezone.py pins.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from games.battlezone import BattleZone  # noqa: E402
from games.controls import normalise  # noqa: E402


def main(seed: int, frames: int, out: str) -> None:
    g = BattleZone(seed=seed)
    held: dict = {}
    lines = []
    for f in range(frames):
        c = {"start": f < 3, "up": False, "left": False, "right": False, "fire": False,
             "down": False}
        if g.mode == "play" and g.player_alive and g.hostile is not None:
            _, _, dist, bearing = g.relative(g.hostile.x, g.hostile.z)
            if bearing > 20:
                c["left"] = True
            elif bearing < -20:
                c["right"] = True
            if abs(bearing) < 200 and dist > 3000 and (f // 120) % 3 != 2:
                c["up"] = True
            if abs(bearing) < 16:
                c["fire"] = (f % 6) < 3
            if g.blocked:
                c["up"] = False
                c["down"] = (f // 40) % 2 == 0
                c["left"] = True
        elif g.mode == "play":
            c["left"] = (f // 90) % 2 == 0
        change = {k: v for k, v in c.items() if held.get(k, False) != v}
        if change:
            lines.append(json.dumps({"frame": f, "controls": change}, sort_keys=True))
            held.update(change)
        g.step(normalise(c))
    Path(out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    s = g.state()
    s.pop("obstacles")
    print(json.dumps(s, sort_keys=True))


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])
