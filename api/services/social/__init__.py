"""Social trading use cases: follows and copy fan-out (see docs/social.md)."""

from api.services.social.fanout import CopyFanoutService, CopyQueue, FanoutResult
from api.services.social.feed import FeedService
from api.services.social.follows import FollowService, FollowTerms
from api.services.social.leaderboard import LeaderboardService
from api.services.social.marketplace import MarketplaceService
from api.services.social.platform_stats import PlatformStatsService
from api.services.social.profiles import ProfileService

__all__ = [
    "CopyFanoutService",
    "CopyQueue",
    "FanoutResult",
    "FeedService",
    "FollowService",
    "FollowTerms",
    "LeaderboardService",
    "MarketplaceService",
    "PlatformStatsService",
    "ProfileService",
]
