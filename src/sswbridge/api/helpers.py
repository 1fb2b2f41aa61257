# kept until registry imports core.api
from sswbridge.core.api import ERRORS as ERRORS
from sswbridge.core.api import auth_user as auth_user
from sswbridge.core.api import error as error
from sswbridge.core.api import run as run
