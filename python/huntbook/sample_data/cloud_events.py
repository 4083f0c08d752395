"""Cloud rows: SigninLogs (Entra ID), AzureActivity (Azure control plane), OfficeActivity
(SharePoint/OneDrive/Exchange audit)."""

import datetime as _dt

from .world import SUBSCRIPTION_ID, TENANT_ID

__all__ = ["OFFICE_EGRESS_IP", "signin", "azure_activity", "office_activity", "sharepoint_file",
           "home_ip", "cloud_baseline"]

OFFICE_EGRESS_IP = "52.170.14.1"
_APPS = [("Office 365 Exchange Online", "00000002-0000-0ff1-ce00-000000000000"),
         ("Microsoft Teams", "1fec8e78-bce4-4aaf-ab1b-5451cc387264"),
         ("Office 365 SharePoint Online", "00000003-0000-0ff1-ce00-000000000000"),
         ("Azure Portal", "c44b4083-3bb0-49c1-b47d-974e53cbdf3c")]
_AGENTS = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
           "Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91",
           "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_2) AppleWebKit/605.1.15 (KHTML, like Gecko) "
           "Version/17.2 Safari/605.1.15"]
SIGNIN_FAILURES = {0: "", 50126: "Invalid username or password or Invalid on-premise username "
                   "or password.", 50053: "Account is locked because user tried to sign in too "
                   "many times with an incorrect user ID or password.",
                   50074: "Strong Authentication is required."}


def signin(world, when, user, ip, result=0, app=None, user_agent=None, country="US",
           city="Seattle", client_app="Browser"):
    rng = world.rng
    app_name, app_id = app or rng.choice(_APPS)
    status = {"errorCode": result}
    if result:
        status["failureReason"] = SIGNIN_FAILURES[result]
    return world.emit("SigninLogs", {
        "SourceSystem": "Azure AD", "TimeGenerated": when,
        "ResourceId": f"/tenants/{TENANT_ID}/providers/Microsoft.aadiam",
        "OperationName": "Sign-in activity", "OperationVersion": "1.0", "Category": "SignInLogs",
        "ResultType": str(result), "ResultSignature": "None",
        "ResultDescription": SIGNIN_FAILURES[result], "DurationMs": 0,
        "CorrelationId": world.guid(), "Identity": user.display, "Level": "4",
        "Location": country, "AppDisplayName": app_name, "AppId": app_id,
        "ClientAppUsed": client_app,
        "ConditionalAccessStatus": "notApplied" if result else "success",
        "DeviceDetail": {"deviceId": "", "operatingSystem": "Windows10",
                         "browser": "Edge 120.0.2210"},
        "IsInteractive": True, "Id": world.guid(), "IPAddress": ip,
        "LocationDetails": {"city": city, "state": "", "countryOrRegion": country,
                            "geoCoordinates": {"latitude": 47.6, "longitude": -122.3}},
        "Status": status, "UserAgent": user_agent or rng.choice(_AGENTS),
        "UserDisplayName": user.display, "UserId": user.object_id,
        "UserPrincipalName": user.upn, "AADTenantId": TENANT_ID, "UserType": "Member",
        "AuthenticationRequirement": "singleFactorAuthentication",
        "RiskLevelDuringSignIn": "none", "RiskState": "none", "IsRisky": False,
        "ResourceDisplayName": app_name, "Type": "SigninLogs",
    })


def azure_activity(world, when, caller, ip, operation, operation_name, resource_group, resource,
                   provider, status="Success", properties=None):
    resource_id = (f"/subscriptions/{SUBSCRIPTION_ID}/resourceGroups/{resource_group}/providers/"
                   f"{provider}/{resource}")
    return world.emit("AzureActivity", {
        "OperationName": operation_name, "OperationNameValue": operation, "Level": "Informational",
        "ActivityStatus": status, "ActivityStatusValue": status, "ResourceGroup": resource_group,
        "SubscriptionId": SUBSCRIPTION_ID, "CorrelationId": world.guid(), "Caller": caller,
        "CallerIpAddress": ip, "Category": "Administrative", "CategoryValue": "Administrative",
        "EventSubmissionTimestamp": when + _dt.timedelta(seconds=15), "ResourceId": resource_id,
        "OperationId": world.guid(), "ResourceProvider": provider,
        "ResourceProviderValue": provider.upper(), "Resource": resource.rsplit("/", 1)[-1],
        "EventDataId": world.guid(), "TenantId": TENANT_ID, "TimeGenerated": when,
        "SourceSystem": "Azure", "Properties_d": properties or {"statusCode": "OK"},
        "Type": "AzureActivity", "_ResourceId": resource_id, "_SubscriptionId": SUBSCRIPTION_ID,
    })


_OPERATIONS = [
    ("MICROSOFT.COMPUTE/VIRTUALMACHINES/START/ACTION", "Start Virtual Machine",
     "Microsoft.Compute", "virtualMachines/{vm}"),
    ("MICROSOFT.COMPUTE/VIRTUALMACHINES/DEALLOCATE/ACTION", "Deallocate Virtual Machine",
     "Microsoft.Compute", "virtualMachines/{vm}"),
    ("MICROSOFT.RESOURCES/DEPLOYMENTS/WRITE", "Create Deployment", "Microsoft.Resources",
     "deployments/app-release"),
    ("MICROSOFT.NETWORK/NETWORKSECURITYGROUPS/SECURITYRULES/WRITE", "Create or Update Security Rule",
     "Microsoft.Network", "networkSecurityGroups/web-nsg/securityRules/allow-https"),
    ("MICROSOFT.STORAGE/STORAGEACCOUNTS/LISTKEYS/ACTION", "List Storage Account Keys",
     "Microsoft.Storage", "storageAccounts/contosoappdata"),
    ("MICROSOFT.WEB/SITES/WRITE", "Create or Update Web App", "Microsoft.Web", "sites/contoso-web"),
]


def office_activity(world, when, user, operation, workload, ip, record_type, **fields):
    row = {
        "TenantId": TENANT_ID, "TimeGenerated": when, "Operation": operation,
        "OrganizationId": TENANT_ID, "UserType": "Regular", "UserKey": user.object_id,
        "OfficeWorkload": workload, "ResultStatus": "Succeeded", "UserId": user.upn,
        "ClientIP": ip, "RecordType": record_type, "OfficeId": world.guid(),
        "UserAgent": _AGENTS[0], "SourceSystem": "OfficeActivityManager", "Type": "OfficeActivity",
    }
    row.update(fields)
    return world.emit("OfficeActivity", row)


def sharepoint_file(world, when, user, operation, ip, file_name, site="Finance"):
    folder = f"Shared Documents/{site}"
    site_url = f"https://contoso.sharepoint.com/sites/{site}/"
    return office_activity(
        world, when, user, operation, "SharePoint", ip, "SharePointFileOperation",
        Site_Url=site_url, SourceRelativeUrl=folder, SourceFileName=file_name,
        SourceFileExtension=file_name.rsplit(".", 1)[-1], ItemType="File",
        EventSource="SharePoint", OfficeObjectId=site_url + folder + "/" + file_name)


def home_ip(user):
    """A stable residential address per user."""
    digest = sum(ord(c) * (i + 7) for i, c in enumerate(user.sam))
    return f"73.{(digest * 7) % 200 + 20}.{(digest * 13) % 250 + 1}.{(digest * 31) % 250 + 2}"


def cloud_baseline(world):
    rng = world.rng
    files = ["Q3-budget.xlsx", "forecast.xlsx", "board-deck.pptx", "policy.docx",
             "invoice-4471.pdf", "payroll-summary.xlsx", "contract-draft.docx"]
    for day in range(world.days):
        weekday = world.day(day).weekday() < 5
        for user in world.users:
            if not weekday and rng.random() < 0.85:
                continue
            ip = OFFICE_EGRESS_IP if rng.random() < 0.7 else home_ip(user)
            for _ in range(rng.randrange(2, 5)):
                result = 50126 if rng.random() < 0.03 else 0
                signin(world, world.work_time(day), user, ip, result)
            for _ in range(world.count(6)):
                operation = rng.choice(["FileAccessed", "FileAccessed", "FileModified",
                                        "FileDownloaded", "MailItemsAccessed", "Send"])
                when = world.work_time(day)
                if operation in ("MailItemsAccessed", "Send"):
                    office_activity(world, when, user, operation, "Exchange", ip, "ExchangeItem",
                                    MailboxOwnerUPN=user.upn, ClientInfoString="Client=OWA")
                else:
                    sharepoint_file(world, when, user, operation, ip, rng.choice(files),
                                    site=user.department)
        callers = [world.admin] + [world.user(s) for s in ("cnguyen", "dgarcia")]
        for _ in range(world.count(35 if weekday else 8)):
            caller = rng.choice(callers)
            operation, name, provider, resource = rng.choice(_OPERATIONS)
            azure_activity(world, world.work_time(day), caller.upn, OFFICE_EGRESS_IP, operation,
                           name, rng.choice(["prod-rg", "app-rg", "network-rg"]),
                           resource.format(vm=rng.choice(["web-lnx-01", "web-lnx-02",
                                                          "build-agent-01"])), provider)

