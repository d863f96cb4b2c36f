from enum import StrEnum


class RegionType(StrEnum):
    CITY = "CITY"
    CITY_DISTRICT = "CITY_DISTRICT"
    CONTINENT = "CONTINENT"
    COUNTRY = "COUNTRY"
    COUNTRY_DISTRICT = "COUNTRY_DISTRICT"
    OTHER = "OTHER"
    REGION = "REGION"
    REPUBLIC = "REPUBLIC"
    REPUBLIC_AREA = "REPUBLIC_AREA"
    SUBWAY_STATION = "SUBWAY_STATION"
    VILLAGE = "VILLAGE"

    def __str__(self) -> str:
        return str(self.value)
