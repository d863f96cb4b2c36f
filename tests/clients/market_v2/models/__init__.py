"""Contains all the data models used in inputs/outputs"""

from .api_error_dto import ApiErrorDTO
from .api_error_response import ApiErrorResponse
from .api_response import ApiResponse
from .api_response_status_type import ApiResponseStatusType
from .campaign_quality_rating_dto import CampaignQualityRatingDTO
from .campaigns_quality_rating_dto import CampaignsQualityRatingDTO
from .generate_goods_feedback_request import GenerateGoodsFeedbackRequest
from .generate_report_dto import GenerateReportDTO
from .generate_report_response import GenerateReportResponse
from .generate_stocks_on_warehouses_report_request import GenerateStocksOnWarehousesReportRequest
from .get_quality_rating_request import GetQualityRatingRequest
from .get_quality_rating_response import GetQualityRatingResponse
from .get_report_info_response import GetReportInfoResponse
from .quality_rating_component_dto import QualityRatingComponentDTO
from .quality_rating_component_type import QualityRatingComponentType
from .quality_rating_dto import QualityRatingDTO
from .report_format_type import ReportFormatType
from .report_info_dto import ReportInfoDTO
from .report_status_type import ReportStatusType
from .report_sub_status_type import ReportSubStatusType
from .source_type import SourceType

__all__ = (
    "ApiErrorDTO",
    "ApiErrorResponse",
    "ApiResponse",
    "ApiResponseStatusType",
    "CampaignQualityRatingDTO",
    "CampaignsQualityRatingDTO",
    "GenerateGoodsFeedbackRequest",
    "GenerateReportDTO",
    "GenerateReportResponse",
    "GenerateStocksOnWarehousesReportRequest",
    "GetQualityRatingRequest",
    "GetQualityRatingResponse",
    "GetReportInfoResponse",
    "QualityRatingComponentDTO",
    "QualityRatingComponentType",
    "QualityRatingDTO",
    "ReportFormatType",
    "ReportInfoDTO",
    "ReportStatusType",
    "ReportSubStatusType",
    "SourceType",
)
