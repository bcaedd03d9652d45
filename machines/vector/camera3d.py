"""A 3D camera for the vector display: perspective, frustum clipping, depth fading.

BattleZone and Tempest (../shared/reference/arcade.md 2.2, 2.3) drew 3D
wireframes through a math box that rotated and projected each vertex for
the AVG.  This module is that math box, in pure Python (standard library
only, so it runs in Pyodide), writing into a ``DisplayList``.

Conventions
-----------
World space is right-handed with **y up**; the ground is the x/z plane.
Units are arbitrary world units.

* **yaw** (radians) turns the camera about the world +y axis by the
  right-hand rule.  Yaw 0 looks along **+z**; positive yaw turns the view
  from +z toward +x, which is a turn to the **left** (counter-clockwise
  seen from above).  The forward direction is
  ``(sin(yaw) cos(pitch), sin(pitch), cos(yaw) cos(pitch))``.  Because the
  world is right-handed, at yaw 0 the screen's right is world **-x**.
* **pitch** (radians) tilts the view; **positive pitch looks up**.  Pitch
  is applied after yaw (no roll).
* **Headings** of models use the same rule as yaw: a model's own +z is its
  front, and heading ``h`` turns it to face ``(sin h, 0, cos h)``.

View (camera) space: ``vx`` to the screen's right, ``vy`` up, ``vz``
forward, the distance in front of the camera along its line of sight (the
depth).  ``to_view`` maps world points there.

Projection and frustum
----------------------
``fov`` is the **horizontal** full angle in radians; ``viewport`` is the
rectangle ``(x0, y0, x1, y1)`` of the 1024 x 1024 display-list space (y up)
that the view fills.  Display units are square, so the vertical angle
follows from the viewport's aspect: ``tan(fov_y / 2) = tan(fov / 2) * h /
w``.  A point in view space lands at::

    sx = cx + vx * focal / vz,   sy = cy + vy * focal / vz,
    focal = (w / 2) / tan(fov / 2),  (cx, cy) the viewport centre.

The frustum is the six half-spaces ``near <= vz <= far``, ``|vx| <= kx vz``
and ``|vy| <= ky vz`` with ``kx = tan(fov / 2)``, ``ky = kx h / w``.
Segments are clipped against all six (Liang-Barsky, in view space), so what
is drawn always lies inside the viewport and in the depth range.

Depth fading
------------
Brightness falls linearly with depth: ``fade(z) = 1`` up to ``fade_start``
and then linearly down to ``fade_min`` at ``far``::

    fade(z) = 1 - (1 - fade_min) * (z - fade_start) / (far - fade_start)

(clamped to ``[fade_min, 1]``).  A drawn segment takes the fade of the mean
depth of its clipped ends, times the intensity asked for.  ``fade_start``
defaults to ``near``; ``fade_min`` to 0.3 [I: bright enough to see the far
field on a phosphor, dim enough to read depth].
"""

from __future__ import annotations

import math
from typing import Sequence

Vec3 = tuple[float, float, float]


def _emitter(dl):
    """How to add a segment in display coordinates to ``dl``: straight into
    its buffer when no 2D transform is in effect (the usual case; a third of
    the cost of ``dl.line``), else through ``dl.line`` so a transform the
    caller pushed still applies."""
    return dl.segment if dl.untransformed else dl.line


class Model:
    """A wireframe in its own coordinates.

    ``vertices`` is a sequence of ``(x, y, z)`` points (its front along +z,
    y up, the origin where it stands); ``edges`` a sequence of index pairs
    ``(i, j)`` into ``vertices``.  ``radius`` is the bounding-sphere radius
    about the origin, used to skip models wholly outside the view and to
    skip clipping for models wholly inside it.

    Raises ``ValueError`` for an edge naming a vertex that does not exist.
    """

    __slots__ = ("vertices", "edges", "radius", "name")

    def __init__(self, vertices: Sequence[Sequence[float]], edges: Sequence[tuple[int, int]],
                 name: str = "") -> None:
        self.vertices: tuple[Vec3, ...] = tuple(
            (float(v[0]), float(v[1]), float(v[2])) for v in vertices)
        n = len(self.vertices)
        for i, j in edges:
            if not (0 <= i < n and 0 <= j < n):
                raise ValueError(f"model {name!r}: edge ({i}, {j}) outside {n} vertices")
        self.edges: tuple[tuple[int, int], ...] = tuple((int(i), int(j)) for i, j in edges)
        self.radius = max((math.sqrt(x * x + y * y + z * z) for x, y, z in self.vertices),
                          default=0.0)
        self.name = name

    def __repr__(self) -> str:
        return f"Model({self.name!r}, {len(self.vertices)} vertices, {len(self.edges)} edges)"


class Camera:
    """A perspective camera onto a viewport of the display list.

    ``x, y, z`` world position; ``yaw``, ``pitch`` in radians (see the module
    docstring for the directions); ``fov`` the horizontal full angle in
    radians (0 < fov < pi); ``near`` and ``far`` the depth range (0 < near <
    far); ``viewport`` ``(x0, y0, x1, y1)`` in display units, y up.
    ``fade_start`` and ``fade_min`` set the depth fading law.

    Position, yaw and pitch are plain attributes: change them between
    frames.  ``fov``, ``near``, ``far``, ``viewport`` and the fade settings
    are read through properties that recompute the derived constants.
    """

    def __init__(self, x: float = 0.0, y: float = 0.0, z: float = 0.0, yaw: float = 0.0,
                 pitch: float = 0.0, fov: float = math.radians(60.0), near: float = 1.0,
                 far: float = 1000.0,
                 viewport: tuple[float, float, float, float] = (0.0, 0.0, 1024.0, 1024.0),
                 fade_start: float | None = None, fade_min: float = 0.3) -> None:
        self.x = float(x)
        self.y = float(y)
        self.z = float(z)
        self.yaw = float(yaw)
        self.pitch = float(pitch)
        self._fov = 0.0
        self._near = 0.0
        self._far = 0.0
        self._viewport = (0.0, 0.0, 1.0, 1.0)
        self._fade_start: float | None = fade_start
        self._fade_min = float(fade_min)
        self._basis_key: tuple[float, float] | None = None
        self._basis: tuple[Vec3, Vec3, Vec3] = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0))
        self.set_lens(fov, near, far, viewport)

    # ------------------------------------------------------------- the lens
    def set_lens(self, fov: float | None = None, near: float | None = None,
                 far: float | None = None,
                 viewport: tuple[float, float, float, float] | None = None) -> None:
        """Change any of the field of view, depth range and viewport at once.

        Raises ``ValueError`` for ``fov`` outside (0, pi), ``near`` not
        positive, ``far <= near`` or an empty viewport."""
        fov = self._fov if fov is None else float(fov)
        near = self._near if near is None else float(near)
        far = self._far if far is None else float(far)
        vp = self._viewport if viewport is None else tuple(float(v) for v in viewport)
        if not 0.0 < fov < math.pi:
            raise ValueError(f"fov must be in (0, pi) radians, got {fov}")
        if not 0.0 < near < far:
            raise ValueError(f"need 0 < near < far, got near={near}, far={far}")
        x0, y0, x1, y1 = vp
        if x1 <= x0 or y1 <= y0:
            raise ValueError(f"empty viewport {vp}")
        self._fov, self._near, self._far, self._viewport = fov, near, far, (x0, y0, x1, y1)
        w, h = x1 - x0, y1 - y0
        self.kx = math.tan(fov / 2.0)
        self.ky = self.kx * h / w
        self.focal = (w / 2.0) / self.kx
        self.cx = (x0 + x1) / 2.0
        self.cy = (y0 + y1) / 2.0
        # Distances to the side planes are scaled by 1/sqrt(1 + k^2) (model's sphere test).
        self._side_norms = (math.sqrt(1.0 + self.kx * self.kx), math.sqrt(1.0 + self.ky * self.ky))
        self._update_fade()

    def _update_fade(self) -> None:
        start = self._near if self._fade_start is None else float(self._fade_start)
        span = self._far - start
        self._fade_z0 = start
        self._fade_slope = (1.0 - self._fade_min) / span if span > 0 else 0.0

    @property
    def fov(self) -> float:
        return self._fov

    @fov.setter
    def fov(self, value: float) -> None:
        self.set_lens(fov=value)

    @property
    def near(self) -> float:
        return self._near

    @near.setter
    def near(self, value: float) -> None:
        self.set_lens(near=value)

    @property
    def far(self) -> float:
        return self._far

    @far.setter
    def far(self, value: float) -> None:
        self.set_lens(far=value)

    @property
    def viewport(self) -> tuple[float, float, float, float]:
        return self._viewport

    @viewport.setter
    def viewport(self, value: tuple[float, float, float, float]) -> None:
        self.set_lens(viewport=value)

    @property
    def fade_start(self) -> float:
        return self._fade_z0

    @fade_start.setter
    def fade_start(self, value: float | None) -> None:
        self._fade_start = value
        self._update_fade()

    @property
    def fade_min(self) -> float:
        return self._fade_min

    @fade_min.setter
    def fade_min(self, value: float) -> None:
        self._fade_min = float(value)
        self._update_fade()

    # ------------------------------------------------------------ the basis
    def basis(self) -> tuple[Vec3, Vec3, Vec3]:
        """The camera's ``(right, up, forward)`` unit vectors in world space
        (recomputed only when yaw or pitch changed since the last call)."""
        key = (self.yaw, self.pitch)
        if key != self._basis_key:
            sy, cy = math.sin(self.yaw), math.cos(self.yaw)
            sp, cp = math.sin(self.pitch), math.cos(self.pitch)
            self._basis = ((-cy, 0.0, sy), (-sy * sp, cp, -cy * sp), (sy * cp, sp, cy * cp))
            self._basis_key = key
        return self._basis

    def to_view(self, point: Sequence[float]) -> Vec3:
        """World point ``(x, y, z)`` to view space ``(vx, vy, vz)``: right, up,
        and depth in front of the camera (negative behind it)."""
        (rx, _, rz), (ux, uy, uz), (fx, fy, fz) = self.basis()
        dx = point[0] - self.x
        dy = point[1] - self.y
        dz = point[2] - self.z
        return (dx * rx + dz * rz, dx * ux + dy * uy + dz * uz, dx * fx + dy * fy + dz * fz)

    def fade(self, depth: float) -> float:
        """The brightness factor at view depth ``depth``: 1 near, ``fade_min``
        at ``far`` (the law in the module docstring)."""
        f = 1.0 - (depth - self._fade_z0) * self._fade_slope
        if f > 1.0:
            return 1.0
        return f if f > self._fade_min else self._fade_min

    def in_frustum_view(self, v: Sequence[float]) -> bool:
        """True when view-space point ``v`` is inside the frustum (borders included)."""
        vx, vy, vz = v[0], v[1], v[2]
        if not self._near <= vz <= self._far:
            return False
        # A rounding allowance, so points on a side plane count as inside
        # (tan(pi / 4) is 0.9999999999999999).
        ex = self.kx * vz * (1.0 + 1e-12)
        ey = self.ky * vz * (1.0 + 1e-12)
        return -ex <= vx <= ex and -ey <= vy <= ey

    def project_view(self, v: Sequence[float]) -> tuple[float, float] | None:
        """View-space point to display coordinates, or None outside the frustum."""
        if not self.in_frustum_view(v):
            return None
        k = self.focal / v[2]
        return self.cx + v[0] * k, self.cy + v[1] * k

    def project(self, point: Sequence[float]) -> tuple[float, float] | None:
        """World point to display coordinates ``(sx, sy)``, or None when it is
        outside the frustum (behind, nearer than ``near``, beyond ``far`` or
        outside the viewport's sides)."""
        return self.project_view(self.to_view(point))

    def screen_x_of_bearing(self, bearing: float) -> float | None:
        """Display x of a direction on the horizon at infinity, or None when
        it is behind the camera.  ``bearing`` is a world heading (radians,
        the yaw convention); the result may lie outside the viewport.  Used
        for scenery at infinity (BattleZone's mountains, moon)."""
        rel = bearing - self.yaw
        c = math.cos(rel)
        if c <= 1e-6:
            return None
        # A direction (sin b, 0, cos b) has vx = -sin(rel), vz = cos(rel).
        return self.cx - math.sin(rel) / c * self.focal

    def horizon_y(self) -> float:
        """Display y of the horizon (directions level with the ground) at the
        centre of the view: ``cy`` at zero pitch, lower when looking up."""
        return self.cy - math.tan(self.pitch) * self.focal

    # -------------------------------------------------------------- clipping
    def clip_view(self, a: Sequence[float], b: Sequence[float]):
        """Clip a view-space segment ``a``-``b`` to the frustum.

        Returns ``((sx0, sy0), (sx1, sy1), depth0, depth1)`` (display
        coordinates and view depths of the clipped ends, in the order of
        ``a`` and ``b``) or None when nothing is visible."""
        ax, ay, az = a[0], a[1], a[2]
        bx, by, bz = b[0], b[1], b[2]
        near, far, kx, ky = self._near, self._far, self.kx, self.ky
        t0 = 0.0
        t1 = 1.0
        # Each plane as a signed distance d(p) >= 0 inside.
        for d0, d1 in ((az - near, bz - near), (far - az, far - bz),
                       (kx * az + ax, kx * bz + bx), (kx * az - ax, kx * bz - bx),
                       (ky * az + ay, ky * bz + by), (ky * az - ay, ky * bz - by)):
            if d0 < 0.0:
                if d1 < 0.0:
                    return None
                t = d0 / (d0 - d1)
                if t > t0:
                    t0 = t
            elif d1 < 0.0:
                t = d0 / (d0 - d1)
                if t < t1:
                    t1 = t
        if t0 > t1:
            return None
        dx, dy, dz = bx - ax, by - ay, bz - az
        if t0 > 0.0:
            x0, y0, z0 = ax + dx * t0, ay + dy * t0, az + dz * t0
        else:
            x0, y0, z0 = ax, ay, az
        if t1 < 1.0:
            x1, y1, z1 = ax + dx * t1, ay + dy * t1, az + dz * t1
        else:
            x1, y1, z1 = bx, by, bz
        f, cx, cy = self.focal, self.cx, self.cy
        k0 = f / z0
        k1 = f / z1
        return (cx + x0 * k0, cy + y0 * k0), (cx + x1 * k1, cy + y1 * k1), z0, z1

    def clip_segment(self, p0: Sequence[float], p1: Sequence[float]):
        """Clip the world segment ``p0``-``p1`` against the six frustum planes.

        Returns ``((sx0, sy0), (sx1, sy1), depth0, depth1)`` in display
        coordinates and view depth, or None when it is wholly outside."""
        return self.clip_view(self.to_view(p0), self.to_view(p1))

    # --------------------------------------------------------------- drawing
    def line(self, dl, p0: Sequence[float], p1: Sequence[float], intensity: float = 1.0,
             colour: int = 0) -> bool:
        """Draw the world segment ``p0``-``p1`` into display list ``dl``,
        clipped, with ``intensity`` times the fade of its mean clipped depth.
        Returns True when something was drawn."""
        return self.line_view(dl, self.to_view(p0), self.to_view(p1), intensity, colour)

    def line_view(self, dl, a: Sequence[float], b: Sequence[float], intensity: float = 1.0,
                  colour: int = 0) -> bool:
        """``line`` for a segment already in view space (``to_view``): for
        callers that turn many shared points into view space once.  Returns
        True when something was drawn."""
        c = self.clip_view(a, b)
        if c is None:
            return False
        (x0, y0), (x1, y1), z0, z1 = c
        _emitter(dl)(x0, y0, x1, y1, intensity * self.fade((z0 + z1) * 0.5), colour)
        return True

    def model(self, dl, model: Model, position: Sequence[float], heading: float = 0.0,
              intensity: float = 1.0, colour: int = 0, scale: float = 1.0) -> int:
        """Draw wireframe ``model`` standing at world ``position``, turned by
        ``heading`` radians about y (the yaw rule: its +z front then faces
        ``(sin h, 0, cos h)``) and scaled by ``scale``.

        Each edge is clipped and faded as ``line`` does.  A model whose
        bounding sphere lies wholly outside one frustum plane costs one
        test; one wholly inside is projected without clipping.  Returns the
        number of segments drawn."""
        (rx, _, rz), (ux, uy, uz), (fx, fy, fz) = self.basis()
        # Model -> world: rotate by heading about y, scale, translate.
        sh, ch = math.sin(heading) * scale, math.cos(heading) * scale
        px = position[0] - self.x
        py = position[1] - self.y
        pz = position[2] - self.z
        # Centre in view space, for the bounding-sphere test.
        cvx = px * rx + pz * rz
        cvy = px * ux + py * uy + pz * uz
        cvz = px * fx + py * fy + pz * fz
        r = model.radius * abs(scale)
        near, far, kx, ky = self._near, self._far, self.kx, self.ky
        nx, ny = self._side_norms
        dists = (cvz - near, far - cvz, (kx * cvz + cvx) / nx, (kx * cvz - cvx) / nx,
                 (ky * cvz + cvy) / ny, (ky * cvz - cvy) / ny)
        if min(dists) < -r:
            return 0
        inside = min(dists) > r
        # World offset of a model vertex (mx, my, mz): (mx ch + mz sh, my s, -mx sh + mz ch).
        # Fold it with the view basis into one 3x3 matrix.
        s = scale
        m00 = ch * rx - sh * rz
        m02 = sh * rx + ch * rz
        m10 = ch * ux - sh * uz
        m11 = s * uy
        m12 = sh * ux + ch * uz
        m20 = ch * fx - sh * fz
        m21 = s * fy
        m22 = sh * fx + ch * fz
        view = [(cvx + m00 * mx + m02 * mz,
                 cvy + m10 * mx + m11 * my + m12 * mz,
                 cvz + m20 * mx + m21 * my + m22 * mz) for mx, my, mz in model.vertices]
        drawn = 0
        emit = _emitter(dl)
        fade = self.fade
        if inside:
            f, cx, cy = self.focal, self.cx, self.cy
            scr = [(cx + vx * f / vz, cy + vy * f / vz) for vx, vy, vz in view]
            for i, j in model.edges:
                a = scr[i]
                b = scr[j]
                emit(a[0], a[1], b[0], b[1],
                     intensity * fade((view[i][2] + view[j][2]) * 0.5), colour)
                drawn += 1
            return drawn
        clip = self.clip_view
        for i, j in model.edges:
            c = clip(view[i], view[j])
            if c is not None:
                (x0, y0), (x1, y1), z0, z1 = c
                emit(x0, y0, x1, y1, intensity * fade((z0 + z1) * 0.5), colour)
                drawn += 1
        return drawn
