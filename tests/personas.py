"""The people docs/advice.md is written for: what each answers in "About you"
and how far they have gone in each skill (0 never done it … 4 lead it or teach
it; a skill left out is 0). Their expected outcomes are in the table of
docs/advice.md, which tests/test_advice_personas.py reads."""

from __future__ import annotations

ALL_SKILLS = [
    "seo", "sem-bidding", "channel-selection", "feed-ads", "new-media-posting", "offline-promotion",
    "copywriting", "content-planning", "visual-design", "user-research", "community-management",
    "customer-retention", "customer-service", "event-planning", "incentive-design", "product-understanding",
    "prototyping", "mind-mapping", "product-documents", "data-analysis", "conversion-optimisation",
    "warehousing", "shop-management", "personal-brand", "cross-team-coordination", "operation-strategy",
    # issue 26: the skills employers ask for now
    "aigc-tools", "ecommerce-ads", "sql-bi", "private-domain", "product-selection",
]  # fmt: skip

BASE = {
    "goal": "not-sure",
    "years": "3",
    "company_type": "unsure",
    "company_size": "20-200",
    "hours_per_week": "5",
    "sells_online": "no",
}

PERSONAS: dict[str, dict] = {
    "sem-copywriter": {
        "about": BASE | {"current_role": "promotion"},
        "levels": {
            "sem-bidding": 3, "seo": 3, "channel-selection": 3, "copywriting": 3, "data-analysis": 2,
            "feed-ads": 2, "content-planning": 2, "new-media-posting": 2,
        },
    },
    "community-person": {
        "about": BASE | {"current_role": "promotion", "years": "1"},
        "levels": {
            "community-management": 3, "customer-retention": 2, "user-research": 2, "product-understanding": 2,
            "channel-selection": 3, "sem-bidding": 2, "seo": 2, "copywriting": 2, "new-media-posting": 3,
            "incentive-design": 2,
        },
    },
    "user-operator": {
        "about": BASE | {"current_role": "user-operation"},
        "levels": {
            "product-understanding": 3, "user-research": 3, "community-management": 3, "customer-retention": 3,
            "incentive-design": 3, "data-analysis": 2, "event-planning": 2, "copywriting": 2,
            "customer-service": 2, "cross-team-coordination": 2, "conversion-optimisation": 2,
        },
    },
    "operator-to-promotion": {
        "about": BASE | {"current_role": "content-operation", "goal": "promotion"},
        "levels": {
            "copywriting": 3, "content-planning": 3, "new-media-posting": 3, "data-analysis": 2, "seo": 1,
            "channel-selection": 1, "personal-brand": 1, "user-research": 2, "visual-design": 2,
        },
    },
    "shop-assistant": {
        "about": BASE | {"current_role": "shop-staff", "goal": "ecommerce-operation", "years": "0",
                         "sells_online": "yes"},
        "levels": {"shop-management": 2, "warehousing": 2, "conversion-optimisation": 1, "data-analysis": 1,
                   "event-planning": 1},
    },
    "beginner": {
        "about": BASE | {"current_role": "student", "years": "0", "hours_per_week": "10"},
        "levels": {},
    },
    "all-with-guidance": {
        "about": BASE | {"current_role": "content-operation", "sells_online": "yes"},
        "levels": dict.fromkeys(ALL_SKILLS, 2),
    },
    "writer-who-never-plans": {
        "about": BASE | {"current_role": "new-media-operation", "goal": "content-operation", "sells_online": "yes"},
        "levels": dict(dict.fromkeys(ALL_SKILLS, 3), **{"content-planning": 1}),
    },
    "seo-specialist": {
        "about": BASE | {"current_role": "seo-sem-operation"},
        "levels": {
            "seo": 3, "sem-bidding": 3, "data-analysis": 3, "copywriting": 3, "channel-selection": 2,
            "conversion-optimisation": 2, "feed-ads": 2, "content-planning": 2,
        },
    },
    "promoter-to-product": {
        "about": BASE | {"current_role": "promotion", "goal": "product-operation", "company_type": "product-led"},
        "levels": {
            "sem-bidding": 3, "seo": 3, "channel-selection": 3, "copywriting": 2, "data-analysis": 2,
            "product-understanding": 2, "user-research": 1, "mind-mapping": 1,
        },
    },
    "small-company-operator": {
        "about": BASE | {"current_role": "user-operation", "goal": "promotion", "company_size": "under-20"},
        "levels": {
            "community-management": 3, "customer-retention": 3, "user-research": 3, "product-understanding": 3,
            "copywriting": 2, "data-analysis": 2, "channel-selection": 1, "personal-brand": 1, "seo": 1,
        },
    },
    "senior-content-operator": {
        "about": BASE | {"current_role": "content-operation", "goal": "content-operation", "years": "6"},
        "levels": {
            "copywriting": 4, "content-planning": 4, "new-media-posting": 3, "seo": 2, "user-research": 2,
            "data-analysis": 3, "visual-design": 2, "channel-selection": 2,
        },
    },
    "video-editor": {
        "about": BASE | {"current_role": "new-media-operation"},
        "levels": {
            "short-video": 3, "platform-rules": 2, "content-planning": 3, "copywriting": 3, "data-analysis": 2,
            "new-media-posting": 3, "visual-design": 2, "competitor-analysis": 2,
        },
    },
    "live-room-assistant": {
        "about": BASE | {"current_role": "shop-staff", "goal": "live-stream-operation", "sells_online": "yes",
                         "years": "1"},
        "levels": {
            "live-streaming": 2, "shop-management": 3, "customer-service": 3, "platform-rules": 2, "data-analysis": 2,
            "conversion-optimisation": 2, "short-video": 1, "event-planning": 2,
        },
    },
    "feed-ads-buyer": {
        "about": BASE | {"current_role": "promotion", "goal": "traffic-operation"},
        "levels": {
            "feed-ads": 3, "data-analysis": 3, "conversion-optimisation": 3, "channel-selection": 3, "sem-bidding": 1,
            "competitor-analysis": 2, "content-planning": 2, "copywriting": 2, "cross-team-coordination": 2,
            "platform-rules": 2,
            # A 2026 投手 varies creatives with AI tools and reads the team's BI dashboards.
            "aigc-tools": 2, "sql-bi": 1,
        },
    },
    "user-strategy-operator": {
        "about": BASE | {"current_role": "user-operation", "goal": "product-operation"},
        "levels": {
            "data-analysis": 3, "product-understanding": 3, "user-research": 3, "customer-retention": 3,
            "incentive-design": 3, "operation-strategy": 2, "event-planning": 2, "cross-team-coordination": 2,
            "competitor-analysis": 2, "community-management": 1,
        },
    },
    "content-operator-to-promotion": {
        "about": BASE | {"current_role": "content-operation", "goal": "promotion", "years": "6"},
        "levels": {
            "copywriting": 4, "content-planning": 4, "new-media-posting": 3, "data-analysis": 3, "user-research": 3,
            "platform-rules": 3, "event-planning": 3, "cross-team-coordination": 3, "operation-strategy": 3,
            "competitor-analysis": 3, "visual-design": 2, "channel-selection": 2, "seo": 2, "kol-cooperation": 2,
            "personal-brand": 2, "feed-ads": 2,
        },
    },
    "sem-at-a-shop": {
        "about": BASE | {"current_role": "seo-sem-operation", "sells_online": "yes", "company_type": "marketing-led"},
        "levels": {
            "sem-bidding": 3, "seo": 2, "data-analysis": 3, "conversion-optimisation": 3, "copywriting": 3,
            "channel-selection": 2, "feed-ads": 2, "competitor-analysis": 2, "platform-rules": 2,
            "shop-management": 1, "customer-service": 1,
        },
    },
    "graduate-no-goal": {
        "about": BASE | {"current_role": "student", "years": "0", "hours_per_week": "10"},
        "levels": {
            "new-media-posting": 2, "copywriting": 2, "visual-design": 2, "content-planning": 1, "data-analysis": 1,
            "event-planning": 1, "short-video": 1,
        },
    },
    "community-to-activity": {
        "about": BASE | {"current_role": "user-operation", "goal": "activity-operation"},
        "levels": {
            "community-management": 3, "customer-retention": 3, "user-research": 2, "event-planning": 2,
            "incentive-design": 2, "copywriting": 2, "data-analysis": 2, "cross-team-coordination": 2,
            "product-understanding": 2,
        },
    },
    "tmall-ads-operator": {
        "about": BASE | {"current_role": "ecommerce-operation", "goal": "traffic-operation", "sells_online": "yes",
                         "company_type": "marketing-led"},
        "levels": {
            "ecommerce-ads": 3, "shop-management": 3, "data-analysis": 3, "conversion-optimisation": 3,
            "event-planning": 3, "platform-rules": 3, "product-selection": 2, "competitor-analysis": 2,
            "channel-selection": 2, "feed-ads": 2, "customer-service": 2, "visual-design": 2,
            "cross-team-coordination": 2, "aigc-tools": 2,
        },
    },
    "private-domain-operator": {
        "about": BASE | {"current_role": "user-operation", "goal": "user-operation", "sells_online": "yes"},
        "levels": {
            "private-domain": 3, "community-management": 3, "customer-retention": 3, "copywriting": 2,
            "incentive-design": 2, "event-planning": 2, "data-analysis": 2, "user-research": 2,
            "customer-service": 2, "sql-bi": 1,
        },
    },
}  # fmt: skip
