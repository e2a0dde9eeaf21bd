import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The start-up baseline: the smallest picocli program, run the way Parasol is run. */
@Command(name = "hello", mixinStandardHelpOptions = true, version = "hello 1")
public class HelloPicocli implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("hello");
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new HelloPicocli()).execute(args));
    }
}
