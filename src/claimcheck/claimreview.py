"""schema.org ClaimReview JSON-LD for every claim whose verdict is backed by reference evidence.

Rating scale (reviewRating): 1 = contradicted by the reference data ("False"), 5 = supported by it ("True");
worstRating 1, bestRating 5. Unverified and evaluative claims have no evidence-backed verdict and are left out.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from claimcheck.pipeline import Analysis

RATING = {"supported": 5, "contradicted": 1}
RATING_NAME = {"supported": "True", "contradicted": "False"}


def claim_reviews(analysis: Analysis, author: dict[str, str], timestamp: dt.datetime | None = None
                  ) -> list[dict[str, Any]]:
    """One ClaimReview per supported or contradicted claim, in document order."""
    out = []
    organisation = {"@type": "Organization", **{k: v for k, v in author.items() if v}}
    for doc in analysis.documents:
        d = doc.document
        appearance = {"@type": "CreativeWork", "name": d.title.text if d.title else d.path, "url": d.path}
        for r in doc.claims:
            verdict = r.judgement.verdict
            evidence = r.judgement.evidence()
            if verdict not in RATING or not evidence:
                continue
            review: dict[str, Any] = {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "identifier": r.claim.id,
                "url": evidence[0]["source"],
                "claimReviewed": r.claim.text,
                "itemReviewed": {"@type": "Claim", "appearance": appearance,
                                 "firstAppearance": appearance},
                "reviewRating": {"@type": "Rating", "ratingValue": RATING[verdict], "bestRating": 5,
                                 "worstRating": 1, "alternateName": verdict,
                                 "ratingExplanation": r.judgement.explanation},
                "author": organisation,
                "isBasedOn": [e["source"] for e in evidence],
            }
            if timestamp is not None:
                review["datePublished"] = timestamp.date().isoformat()
            review["reviewBody"] = f"{RATING_NAME[verdict]}: {r.judgement.explanation}"
            out.append(review)
    return out


def render_claimreview(analysis: Analysis, author: dict[str, str], timestamp: dt.datetime | None = None) -> str:
    """The ClaimReview list as JSON-LD text."""
    return json.dumps(claim_reviews(analysis, author, timestamp), ensure_ascii=False, indent=2) + "\n"
