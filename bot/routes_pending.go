package bot

// Routes of the files that are being reworked elsewhere; they move
// beside their handlers once that lands.

// campaigns.go
// Buttons served here.
const (
	routeCampaigns     route = "cl" // the campaign list
	routeCampaignAdd   route = "ca" // a new campaign
	routeCampaign      route = "cd" // "cd:<campaign>": its card
	routeCampaignEdit  route = "ce" // "ce:<campaign>"
	routeCampaignClose route = "cc" // "cc:<campaign>": close or reopen
)

var campaignActions = []action{
	{route: routeCampaigns, private: true, who: adminOnly, run: campaignAction("cl")},
	{route: routeCampaignAdd, private: true, who: adminOnly, run: campaignAction("ca")},
	{route: routeCampaign, private: true, who: adminOnly, run: campaignAction("cd")},
	{route: routeCampaignEdit, private: true, who: adminOnly, run: campaignAction("ce")},
	{route: routeCampaignClose, private: true, who: adminOnly, run: campaignAction("cc")},
}

// upcoming.go
// Buttons served here.
const (
	routeUpcoming route = "cs" // "cs:<campaign>": the next reminders
)

var upcomingActions = []action{
	{route: routeUpcoming, private: true, who: adminOnly, run: (*request).upcomingAction},
}

// register.go
// Buttons served here.
const (
	routeRegister         route = "rg" // "rg" (menu) or "rg:<campaign>:<unit>"
	routeRegistrationEdit route = "re" // "re:<registration>"
)

var registerActions = []action{
	{route: routeRegister, private: true, who: secretaryOnly, run: (*request).registerAction},
	{route: routeRegistrationEdit, private: true, who: staff, run: (*request).editRegistrationAction},
}

// mymodels.go
// Buttons served here.
const (
	routeWithdraw  route = "rw" // "rw:<registration>" asks, "rw:<registration>:yes" does
	routeMyModels  route = "my" // the unit's models
	routeModel     route = "md" // "md:<registration>"
	routeDeadlines route = "dl" // the unit's deadlines
)

var myModelActions = []action{
	{route: routeWithdraw, private: true, who: staff, run: (*request).withdrawAction},
	{route: routeMyModels, private: true, who: secretaryOnly, run: (*request).myModels},
	{route: routeModel, private: true, who: staff, run: (*request).modelDetail},
	{route: routeDeadlines, private: true, who: secretaryOnly, run: (*request).deadlines},
}

// review.go
// Buttons served here.
const (
	routeApprove route = "ra" // "ra:<registration>"
	routeReturn  route = "rr" // "rr:<registration>": return with a comment
)

var reviewActions = []action{
	{route: routeApprove, private: true, who: adminOnly, run: (*request).approveAction},
	{route: routeReturn, private: true, who: adminOnly, run: (*request).returnAction},
}

// results.go
// Buttons served here.
const (
	routeResults route = "rs" // "rs" or "rs:<registration>"
)

var resultActions = []action{
	{route: routeResults, private: true, who: secretaryOnly, run: (*request).resultsAction},
}

// reports.go
// Buttons served here.
const (
	routeReport         route = "rq" // the report's campaign choice
	routeReportCampaign route = "rp" // "rp:<campaign>": its summary
	routeReportXLSX     route = "rx" // "rx:<campaign>": the workbook
	routeReportCSV      route = "rc" // "rc:<campaign>": the CSV
	routeReportChart    route = "rh" // "rh:<campaign>": the chart
	routeReportUnits    route = "ru" // "ru:<page>": units to pick
	routeReportUnit     route = "rd" // "rd:<unit>": one unit's detail
)

var reportActions = []action{
	{route: routeReport, private: true, who: adminOnly, run: func(r *request, _ string) error { return r.reportCmd() }},
	{route: routeReportCampaign, private: true, who: adminOnly, run: reportAction("rp")},
	{route: routeReportXLSX, private: true, who: adminOnly, run: reportAction("rx")},
	{route: routeReportCSV, private: true, who: adminOnly, run: reportAction("rc")},
	{route: routeReportChart, private: true, who: adminOnly, run: reportAction("rh")},
	{route: routeReportUnits, private: true, who: adminOnly, run: (*request).reportUnitsAction},
	{route: routeReportUnit, private: true, who: adminOnly, run: (*request).reportUnitAction},
}
