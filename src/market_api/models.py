"""Every domain's tables, imported so that the metadata (and Alembic) sees them all."""

from market_api.accounts import models as accounts_models  # noqa: F401
from market_api.catalog import models as catalog_models  # noqa: F401
from market_api.console import models as console_models  # noqa: F401
from market_api.control import models as control_models  # noqa: F401
from market_api.feedback import models as feedback_models  # noqa: F401
from market_api.platform import shared_state, signing  # noqa: F401  (control_state, service_secrets)
from market_api.platform.database import Base
from market_api.quality import models as quality_models  # noqa: F401
from market_api.reports import models as reports_models  # noqa: F401

metadata = Base.metadata
