// Runs in the planner page's head, before the first paint (overrides/main.html): when the address
// holds a plan, the stylesheet keeps room for it (planner.css, .planner-expects-plan), so the text
// under the planner does not jump when planner.js draws the plan. planner.js removes the class.
if (/(^|[#?&])(plan|model)=/.test(location.hash + location.search)) {
  document.documentElement.classList.add("planner-expects-plan");
}
