"""The operations table: every Partner API operation this service answers, declared once.

Each declaration names the operation (its method, paths, scopes, statuses and limits come from the
official contract by that id), the handler, the models that check its parameters and body, the
resources a call names, and what its limit is counted on. Routing (every path form), authentication,
scopes, limits and metrics read this table (`market_api.access.operations`). Adding a method is one
declaration here and one handler in its domain.
"""

from __future__ import annotations

from market_api.access.operations import Operation
from market_api.accounts.views import (
    BusinessParams,
    CampaignParams,
    CampaignsParams,
    business_resources,
    business_settings,
    campaign_resources,
    campaign_settings,
    campaigns_resources,
    get_campaign,
    get_campaigns,
)
from market_api.catalog.views import (
    CategoriesRequest,
    FulfillmentParams,
    NoParams,
    PagedWarehousesParams,
    PagedWarehousesRequest,
    WarehousesParams,
    categories_tree,
    fulfillment_resources,
    fulfillment_warehouses,
    paged_warehouses,
    warehouses,
    warehouses_resources,
)
from market_api.feedback.views import FeedParams, feed_resources, feedback_updates
from market_api.quality.views import (
    DetailsParams,
    QualityParams,
    QualityRequest,
    details_resources,
    quality_details,
    quality_ratings,
    quality_resources,
)
from market_api.reports.schemas import GenerateParams, GoodsFeedbackRequest, ReportInfoParams, StocksRequest
from market_api.reports.views import (
    generate_goods_feedback,
    generate_stocks,
    goods_feedback_resources,
    report_info,
    report_resources,
    stocks_resources,
)

OPERATIONS: tuple[Operation, ...] = (
    Operation("getFeedbackAndCommentUpdates", feedback_updates, FeedParams, feed_resources, limit_per="campaign"),
    Operation("generateGoodsFeedbackReport", generate_goods_feedback, GenerateParams, goods_feedback_resources,
              limit_per="business", body=GoodsFeedbackRequest),
    Operation("generateStocksOnWarehousesReport", generate_stocks, GenerateParams, stocks_resources,
              limit_per="business", body=StocksRequest),
    Operation("getReportInfo", report_info, ReportInfoParams, report_resources, limit_per="business"),
    Operation("getQualityRatings", quality_ratings, QualityParams, quality_resources, limit_per="business",
              body=QualityRequest),
    Operation("getCampaigns", get_campaigns, CampaignsParams, campaigns_resources, limit_per="business"),
    Operation("getCampaign", get_campaign, CampaignParams, campaign_resources, limit_per="campaign"),
    Operation("getCampaignSettings", campaign_settings, CampaignParams, campaign_resources, limit_per="campaign"),
    Operation("getBusinessSettings", business_settings, BusinessParams, business_resources, limit_per="business"),
    Operation("getCategoriesTree", categories_tree, NoParams, campaigns_resources, limit_per="business",
              body=CategoriesRequest),
    Operation("getQualityRatingDetails", quality_details, DetailsParams, details_resources, limit_per="campaign"),
    Operation("getFulfillmentWarehouses", fulfillment_warehouses, FulfillmentParams, fulfillment_resources,
              limit_per="business"),
    Operation("getWarehouses", warehouses, WarehousesParams, warehouses_resources, limit_per="business"),
    Operation("getPagedWarehouses", paged_warehouses, PagedWarehousesParams, warehouses_resources,
              limit_per="business", body=PagedWarehousesRequest),
)
