"""Contains all the data models used in inputs/outputs"""

from .api_error_dto import ApiErrorDTO
from .api_error_response import ApiErrorResponse
from .api_response import ApiResponse
from .api_response_status_type import ApiResponseStatusType
from .campaign_quality_rating_dto import CampaignQualityRatingDTO
from .campaigns_quality_rating_dto import CampaignsQualityRatingDTO
from .feedback_author_dto import FeedbackAuthorDTO
from .feedback_comment_author_dto import FeedbackCommentAuthorDTO
from .feedback_comment_author_type import FeedbackCommentAuthorType
from .feedback_comment_dto import FeedbackCommentDTO
from .feedback_delivery_type import FeedbackDeliveryType
from .feedback_dto import FeedbackDTO
from .feedback_factor_dto import FeedbackFactorDTO
from .feedback_grades_dto import FeedbackGradesDTO
from .feedback_list_dto import FeedbackListDTO
from .feedback_order_dto import FeedbackOrderDTO
from .feedback_shop_dto import FeedbackShopDTO
from .feedback_state_type import FeedbackStateType
from .forward_scrolling_pager_dto import ForwardScrollingPagerDTO
from .generate_goods_feedback_request import GenerateGoodsFeedbackRequest
from .generate_report_dto import GenerateReportDTO
from .generate_report_response import GenerateReportResponse
from .generate_stocks_on_warehouses_report_request import GenerateStocksOnWarehousesReportRequest
from .get_feedback_list_response import GetFeedbackListResponse
from .get_quality_rating_request import GetQualityRatingRequest
from .get_quality_rating_response import GetQualityRatingResponse
from .get_report_info_response import GetReportInfoResponse
from .quality_rating_component_dto import QualityRatingComponentDTO
from .quality_rating_component_type import QualityRatingComponentType
from .quality_rating_dto import QualityRatingDTO
from .region_dto import RegionDTO
from .region_type import RegionType
from .report_format_type import ReportFormatType
from .report_info_dto import ReportInfoDTO
from .report_status_type import ReportStatusType
from .report_sub_status_type import ReportSubStatusType
from .scrolling_pager_dto import ScrollingPagerDTO

__all__ = (
    "ApiErrorDTO",
    "ApiErrorResponse",
    "ApiResponse",
    "ApiResponseStatusType",
    "CampaignQualityRatingDTO",
    "CampaignsQualityRatingDTO",
    "FeedbackAuthorDTO",
    "FeedbackCommentAuthorDTO",
    "FeedbackCommentAuthorType",
    "FeedbackCommentDTO",
    "FeedbackDeliveryType",
    "FeedbackDTO",
    "FeedbackFactorDTO",
    "FeedbackGradesDTO",
    "FeedbackListDTO",
    "FeedbackOrderDTO",
    "FeedbackShopDTO",
    "FeedbackStateType",
    "ForwardScrollingPagerDTO",
    "GenerateGoodsFeedbackRequest",
    "GenerateReportDTO",
    "GenerateReportResponse",
    "GenerateStocksOnWarehousesReportRequest",
    "GetFeedbackListResponse",
    "GetQualityRatingRequest",
    "GetQualityRatingResponse",
    "GetReportInfoResponse",
    "QualityRatingComponentDTO",
    "QualityRatingComponentType",
    "QualityRatingDTO",
    "RegionDTO",
    "RegionType",
    "ReportFormatType",
    "ReportInfoDTO",
    "ReportStatusType",
    "ReportSubStatusType",
    "ScrollingPagerDTO",
)
