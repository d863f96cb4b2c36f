"""Contains all the data models used in inputs/outputs"""

from .affected_order_quality_rating_component_type import AffectedOrderQualityRatingComponentType
from .api_availability_status_type import ApiAvailabilityStatusType
from .api_error_dto import ApiErrorDTO
from .api_error_response import ApiErrorResponse
from .api_response import ApiResponse
from .api_response_status_type import ApiResponseStatusType
from .business_dto import BusinessDTO
from .business_settings_dto import BusinessSettingsDTO
from .business_subscription_level_type import BusinessSubscriptionLevelType
from .business_trait_type import BusinessTraitType
from .campaign_dto import CampaignDTO
from .campaign_settings_delivery_dto import CampaignSettingsDeliveryDTO
from .campaign_settings_dto import CampaignSettingsDTO
from .campaign_settings_local_region_dto import CampaignSettingsLocalRegionDTO
from .campaign_settings_schedule_dto import CampaignSettingsScheduleDTO
from .campaign_settings_schedule_source_type import CampaignSettingsScheduleSourceType
from .campaign_settings_time_period_dto import CampaignSettingsTimePeriodDTO
from .category_dto import CategoryDTO
from .currency_type import CurrencyType
from .flipping_pager_dto import FlippingPagerDTO
from .fulfillment_warehouse_dto import FulfillmentWarehouseDTO
from .fulfillment_warehouses_dto import FulfillmentWarehousesDTO
from .get_business_settings_info_dto import GetBusinessSettingsInfoDTO
from .get_business_settings_response import GetBusinessSettingsResponse
from .get_campaign_response import GetCampaignResponse
from .get_campaign_settings_response import GetCampaignSettingsResponse
from .get_campaigns_response import GetCampaignsResponse
from .get_categories_request import GetCategoriesRequest
from .get_categories_response import GetCategoriesResponse
from .get_fulfillment_warehouses_response import GetFulfillmentWarehousesResponse
from .get_paged_warehouses_request import GetPagedWarehousesRequest
from .get_paged_warehouses_response import GetPagedWarehousesResponse
from .get_quality_rating_details_response import GetQualityRatingDetailsResponse
from .get_warehouses_response import GetWarehousesResponse
from .gps_dto import GpsDTO
from .language_type import LanguageType
from .packaging_forward_scrolling_pager_dto import PackagingForwardScrollingPagerDTO
from .paged_warehouses_dto import PagedWarehousesDTO
from .placement_type import PlacementType
from .quality_rating_affected_order_dto import QualityRatingAffectedOrderDTO
from .quality_rating_details_dto import QualityRatingDetailsDTO
from .region_type import RegionType
from .taxation_info_dto import TaxationInfoDTO
from .vat_rate_type import VatRateType
from .warehouse_address_dto import WarehouseAddressDTO
from .warehouse_component_type import WarehouseComponentType
from .warehouse_details_dto import WarehouseDetailsDTO
from .warehouse_dto import WarehouseDTO
from .warehouse_group_dto import WarehouseGroupDTO
from .warehouse_group_info_dto import WarehouseGroupInfoDTO
from .warehouse_status_dto import WarehouseStatusDTO
from .warehouse_status_type import WarehouseStatusType
from .warehouses_dto import WarehousesDTO

__all__ = (
    "AffectedOrderQualityRatingComponentType",
    "ApiAvailabilityStatusType",
    "ApiErrorDTO",
    "ApiErrorResponse",
    "ApiResponse",
    "ApiResponseStatusType",
    "BusinessDTO",
    "BusinessSettingsDTO",
    "BusinessSubscriptionLevelType",
    "BusinessTraitType",
    "CampaignDTO",
    "CampaignSettingsDeliveryDTO",
    "CampaignSettingsDTO",
    "CampaignSettingsLocalRegionDTO",
    "CampaignSettingsScheduleDTO",
    "CampaignSettingsScheduleSourceType",
    "CampaignSettingsTimePeriodDTO",
    "CategoryDTO",
    "CurrencyType",
    "FlippingPagerDTO",
    "FulfillmentWarehouseDTO",
    "FulfillmentWarehousesDTO",
    "GetBusinessSettingsInfoDTO",
    "GetBusinessSettingsResponse",
    "GetCampaignResponse",
    "GetCampaignSettingsResponse",
    "GetCampaignsResponse",
    "GetCategoriesRequest",
    "GetCategoriesResponse",
    "GetFulfillmentWarehousesResponse",
    "GetPagedWarehousesRequest",
    "GetPagedWarehousesResponse",
    "GetQualityRatingDetailsResponse",
    "GetWarehousesResponse",
    "GpsDTO",
    "LanguageType",
    "PackagingForwardScrollingPagerDTO",
    "PagedWarehousesDTO",
    "PlacementType",
    "QualityRatingAffectedOrderDTO",
    "QualityRatingDetailsDTO",
    "RegionType",
    "TaxationInfoDTO",
    "VatRateType",
    "WarehouseAddressDTO",
    "WarehouseComponentType",
    "WarehouseDetailsDTO",
    "WarehouseDTO",
    "WarehouseGroupDTO",
    "WarehouseGroupInfoDTO",
    "WarehousesDTO",
    "WarehouseStatusDTO",
    "WarehouseStatusType",
)
