"""Applications per seat pool (a shift, or an opportunity without shifts): eligible
applicants who applied in time, confirmed up to the capacity, waiting only when it is full."""

from __future__ import annotations

from array import array
from datetime import datetime, timedelta
from typing import Any

from council.demo import words
from council.demo.activity.profiles import ProfileDraws
from council.demo.activity.reference import (
    BLOCK_PERCENT,
    KEY_SLOTS,
    PICK_SLOTS,
    S_APPLICATION,
    S_PICK,
    SHIFTLESS_POOL,
)
from council.demo.activity.rows import (
    SyntheticOpportunity,
    SyntheticProject,
)
from council.demo.bulk import band, mix
from council.demo.scale import (
    VOLUNTEERS_PER_ORGANISATION,
)
from council.projects.models import (
    ApplicationMode,
    ApplicationStatus,
    ProjectStatus,
)


class ApplicationDraws(ProfileDraws):
    # -- applications --

    def applications(
        self,
        project: SyntheticProject,
        opportunity: SyntheticOpportunity,
        user_ids: array[int],
        volunteers: int,
    ) -> list[tuple[Any, ...]]:
        if project.status not in (ProjectStatus.PUBLISHED, ProjectStatus.COMPLETED):
            return []
        rows: list[tuple[Any, ...]] = []
        for shift in opportunity.shifts:
            wanted = 1 + mix(self.seed, shift.key, S_APPLICATION) % 13
            rows += self._pool(
                project,
                opportunity,
                shift.key,
                shift.pk,
                shift.capacity,
                wanted,
                start=shift.start,
                past=shift.end <= self.anchor,
                user_ids=user_ids,
                volunteers=volunteers,
            )
        if not opportunity.shifts:
            key = opportunity.key * KEY_SLOTS + SHIFTLESS_POOL
            wanted = 10 + mix(self.seed, key, S_APPLICATION) % 31
            rows += self._pool(
                project,
                opportunity,
                key,
                None,
                opportunity.capacity,
                wanted,
                start=None,
                past=project.end < self.today,
                user_ids=user_ids,
                volunteers=volunteers,
            )
        return rows

    def _pool(
        self,
        project: SyntheticProject,
        opportunity: SyntheticOpportunity,
        key: int,
        shift_id: int | None,
        capacity: int,
        wanted: int,
        *,
        start: datetime | None,
        past: bool,
        user_ids: array[int],
        volunteers: int,
    ) -> list[tuple[Any, ...]]:
        """Applications for one seat pool: a shift, or an opportunity without shifts."""
        latest = min(start - timedelta(hours=1), self.anchor) if start else self.anchor
        earliest = opportunity.created_at
        if latest <= earliest:
            return []
        day = start.date() if start else self.today
        organisation = project.organisation.index
        block = (organisation - 1) * VOLUNTEERS_PER_ORGANISATION + 1
        reach = min(organisation * VOLUNTEERS_PER_ORGANISATION, volunteers)
        chosen: dict[int, datetime] = {}
        for attempt in range(12 * wanted):
            if len(chosen) == wanted:
                break
            h = mix(self.seed, key * PICK_SLOTS + attempt, S_PICK)
            h, local = divmod(h, 100)
            h, offset = divmod(h, 1 << 24)
            if local < BLOCK_PERCENT:
                volunteer = block + offset % VOLUNTEERS_PER_ORGANISATION
            else:
                volunteer = 1 + offset % reach
            if volunteer in chosen or volunteer > volunteers:
                continue
            facts = self.profile_facts(volunteer)
            if facts is None or not self._eligible(facts, opportunity, day):
                continue
            lower = max(earliest, self.people.volunteer_joined(volunteer))
            if lower >= latest:
                continue
            chosen[volunteer] = lower + (latest - lower) * ((h % 1000) / 1000)
        confirmed = 0
        admin = project.organisation.admin_id
        rows = []
        ordered = sorted(chosen.items(), key=lambda item: (item[1], item[0]))
        for number, (volunteer, created) in enumerate(ordered):
            draw = mix(self.seed, key * PICK_SLOTS + number, S_APPLICATION) % 100
            delay = timedelta(hours=1 + draw % 72)
            decided: datetime | None = min(created + delay, latest)
            decided_by = None
            reason = ""
            seat = confirmed < capacity
            if opportunity.mode == ApplicationMode.INSTANT:
                decided = created
                if seat:
                    status = (
                        ApplicationStatus.CONFIRMED if draw < 82 else ApplicationStatus.WITHDRAWN
                    )
                else:
                    status = (
                        ApplicationStatus.WAITLISTED if draw < 70 else ApplicationStatus.WITHDRAWN
                    )
                if status == ApplicationStatus.WITHDRAWN:
                    decided = min(created + delay, latest)
            else:
                decided_by = admin
                if past:
                    status = band(
                        draw,
                        *([(70, ApplicationStatus.CONFIRMED)] if seat else []),
                        (85, ApplicationStatus.REJECTED),
                        otherwise=ApplicationStatus.WITHDRAWN,
                    )
                else:
                    status = band(
                        draw,
                        (45, ApplicationStatus.CONFIRMED if seat else ApplicationStatus.WAITLISTED),
                        (80, ApplicationStatus.PENDING),
                        (90, ApplicationStatus.REJECTED),
                        otherwise=ApplicationStatus.WITHDRAWN,
                    )
                if status == ApplicationStatus.WITHDRAWN:
                    decided_by = None
            if status == ApplicationStatus.CONFIRMED:
                confirmed += 1
            elif status == ApplicationStatus.REJECTED:
                reason = words.REJECTION_REASON
            elif status == ApplicationStatus.PENDING:
                decided, decided_by = None, None
            rows.append(
                (
                    user_ids[volunteer],
                    opportunity.pk,
                    shift_id,
                    status,
                    reason,
                    created,
                    decided,
                    decided_by,
                )
            )
        return rows
