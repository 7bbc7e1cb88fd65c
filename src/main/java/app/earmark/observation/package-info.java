/**
 * Live IQA observation: a planned discussion marked for live observation, the IQA told when its live
 * recording starts, listening a few seconds behind from the parts the recorder already sends, with
 * timestamped notes; both parties see that an IQA is observing.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Live observation")
package app.earmark.observation;
