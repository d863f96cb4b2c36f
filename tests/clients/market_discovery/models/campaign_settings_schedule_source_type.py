from enum import StrEnum


class CampaignSettingsScheduleSourceType(StrEnum):
    WEB = "WEB"
    YML = "YML"

    def __str__(self) -> str:
        return str(self.value)
