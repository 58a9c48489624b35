"""Steps the simulated venue on a timer and publishes what changed to the bus."""

from __future__ import annotations

import asyncio
import logging

from api.bus import Bus, BusUnavailable
from api.services.market import ticker_to_message, ticker_topic
from api.services.venues import SIM
from engine.market.sim.venue import SimVenue

log = logging.getLogger(__name__)


class SimMarketFeed:
    def __init__(self, venue: SimVenue, bus: Bus, interval_s: float) -> None:
        self.venue = venue
        self.bus = bus
        self.interval_s = interval_s
        self.steps = 0
        self._bus_down_logged = False

    async def step_and_publish(self) -> None:
        events = self.venue.step()
        self.steps += 1
        try:
            for symbol, ticker in events.tickers.items():
                await self.bus.publish(ticker_topic(SIM, symbol), ticker_to_message(SIM, ticker))
        except BusUnavailable as exc:
            # Market data is a stream of latest values: drop while the bus is down, log once.
            if not self._bus_down_logged:
                log.warning("bus unavailable, dropping market updates: %s", exc)
                self._bus_down_logged = True
            return
        self._bus_down_logged = False

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        next_at = loop.time()
        while True:
            await self.step_and_publish()
            next_at += self.interval_s
            await asyncio.sleep(max(0.0, next_at - loop.time()))
